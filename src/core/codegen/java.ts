import { literal, loginHintNote, SECRET_ENV, unreachableAdvice, type SnippetRequest } from './model';

export function javaSnippet(r: SnippetRequest): string {
  const basic = r.clientAuth === 'client_secret_basic';
  const signIn = r.flow === 'ciba'
    ? `        // 1. CIBA: ask the operator to authenticate the subscriber, then poll the token endpoint.
        HttpResponse<String> start = token(${literal(r.bcAuthorizeEndpoint ?? '')}, "login_hint=" + enc(${literal(r.loginHint ?? '')}) + "&scope=" + enc(${literal(r.scope)}));
        String authReqId = field(start.body(), "auth_req_id");
        if (start.statusCode() != 200 || authReqId == null) throw new Failure("bc-authorize failed: HTTP " + start.statusCode() + " " + start.body());
        long interval = field(start.body(), "interval") == null ? 5 : Long.parseLong(field(start.body(), "interval"));
        long expiresIn = field(start.body(), "expires_in") == null ? 120 : Long.parseLong(field(start.body(), "expires_in"));
        long deadline = System.currentTimeMillis() + expiresIn * 1000;
        String accessToken = null;
        while (accessToken == null) {
            Thread.sleep(interval * 1000);
            if (System.currentTimeMillis() >= deadline) throw new Failure("the request expired before approval");
            HttpResponse<String> poll = token(${literal(r.tokenEndpoint)}, "grant_type=" + enc("urn:openid:params:grant-type:ciba") + "&auth_req_id=" + enc(authReqId));
            String error = field(poll.body(), "error");
            if (poll.statusCode() == 200) accessToken = field(poll.body(), "access_token");
            if (accessToken != null) break;
            if ("slow_down".equals(error)) interval += 5; // for this and every later poll
            else if (!"authorization_pending".equals(error)) throw new Failure("sign-in failed: HTTP " + poll.statusCode() + " " + poll.body());
        }`
    : `        // 1. Client credentials (2-legged): the device goes in the request body.
        HttpResponse<String> reply = token(${literal(r.tokenEndpoint)}, "grant_type=client_credentials&scope=" + enc(${literal(r.scope)}));
        String accessToken = field(reply.body(), "access_token");
        if (reply.statusCode() != 200 || accessToken == null) throw new Failure("sign-in failed: HTTP " + reply.statusCode() + " " + reply.body());`;
  const publisher = r.body === undefined ? 'HttpRequest.BodyPublishers.noBody()' : `HttpRequest.BodyPublishers.ofString(${literal(JSON.stringify(r.body))})`;
  const note = loginHintNote(r).map((line) => `// ${line}\n`).join('');
  return `// QoD: ${r.method} ${r.url}
// Run with Java 11+: ${SECRET_ENV}=... java QodExample.java
// Exits non-zero, with the status and body, when a step answers anything but 2xx.
${note}import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class QodExample {
    static final String CLIENT_ID = ${literal(r.clientId)};
    static final String CLIENT_SECRET = System.getenv("${SECRET_ENV}");
    static final String UNREACHABLE = ${literal(unreachableAdvice(r))};
    static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A failed step, said in one line (no stack trace). */
    static class Failure extends Exception {
        Failure(String message) {
            super(message);
        }
    }

    public static void main(String[] args) throws Exception {
        try {
            run();
        } catch (Failure failure) {
            System.err.println(failure.getMessage());
            System.exit(1);
        }
    }

    static void run() throws Exception {
        if (CLIENT_SECRET == null) throw new Failure("set ${SECRET_ENV}");
${signIn}

        // 2. The QoD call, with an x-correlator to find it in the provider's logs.
        HttpRequest request = HttpRequest.newBuilder(URI.create(${literal(r.url)}))
            .header("Authorization", "Bearer " + accessToken)
            .header("x-correlator", UUID.randomUUID().toString())
            .header("Content-Type", "application/json")
            .method(${literal(r.method)}, ${publisher})
            .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() < 200 || response.statusCode() >= 300) {
            throw new Failure("the QoD call failed: HTTP " + response.statusCode() + "\\n" + response.body());
        }
        System.out.println(response.body());
        System.out.println("HTTP " + response.statusCode());
    }

    /** One request; a connection failure becomes a Failure that says where and what to try. */
    static HttpResponse<String> send(HttpRequest request) throws Exception {
        String origin = request.uri().getScheme() + "://" + request.uri().getRawAuthority();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new Failure("Nothing is listening at " + origin + " (connection refused). " + UNREACHABLE);
        } catch (IOException e) {
            throw new Failure("Could not reach " + origin + ": " + e + ". " + UNREACHABLE);
        }
    }

    static HttpResponse<String> token(String url, String form) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded");
${basic
    ? '        builder.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)));'
    : '        form = form + "&client_id=" + enc(CLIENT_ID) + "&client_secret=" + enc(CLIENT_SECRET);'}
        return send(builder.POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A top-level string or number field of a flat JSON object (enough for OAuth answers; use a JSON library in real code). */
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\\"" + Pattern.quote(name) + "\\"\\\\s*:\\\\s*(\\"([^\\"]*)\\"|(\\\\d+))").matcher(json);
        return m.find() ? (m.group(2) != null ? m.group(2) : m.group(3)) : null;
    }
}
`;
}
