import {
  CONNECT_TIMEOUT_SECONDS,
  DEFAULT_TIMEOUT_SECONDS,
  literal,
  loginHintNote,
  MAX_CIBA_WAIT_SECONDS,
  SECRET_ENV,
  TIMEOUT_ENV,
  TOKEN_FIELDS,
  unreachableAdvice,
  targetsLine,
  type SnippetRequest,
} from './model';

// Every value of the request is a JSON literal (a valid Java string), in code and in comments alike.

// A backslash ending a line inside a template joins it to the next: the generated line stays whole, this source stays under 140.
export function javaSnippet(r: SnippetRequest): string {
  const basic = r.clientAuth === 'client_secret_basic';
  const signIn =
    r.flow === 'ciba'
      ? `        // 1. CIBA: ask the operator to authenticate the subscriber, then poll the token endpoint.
        HttpResponse<String> start = token(${literal(r.bcAuthorizeEndpoint ?? '')}, "login_hint=" + enc(${literal(r.loginHint ?? '')}) + \
"&scope=" + enc(${literal(r.scope)}));
        String authReqId = field(start.body(), "auth_req_id");
        if (!ok(start) || authReqId == null) throw new Failure("bc-authorize failed: HTTP " + start.statusCode() + " " + \
masked(start.body()));
        long interval = bounded(field(start.body(), "interval"), 5, 1, 60);
        long deadline = System.currentTimeMillis() + bounded(field(start.body(), "expires_in"), 120, 1, ${MAX_CIBA_WAIT_SECONDS}) * 1000;
        String accessToken = null;
        while (accessToken == null) {
            Thread.sleep(interval * 1000);
            if (System.currentTimeMillis() >= deadline) throw new Failure("the request expired before approval");
            HttpResponse<String> poll = token(${literal(r.tokenEndpoint)}, "grant_type=" + enc("urn:openid:params:grant-type:ciba") + \
"&auth_req_id=" + enc(authReqId));
            String error = field(poll.body(), "error");
            if (ok(poll)) accessToken = field(poll.body(), "access_token");
            if (accessToken != null) break;
            if ("slow_down".equals(error)) interval = Math.min(interval + 5, 60); // for this and every later poll
            else if (!"authorization_pending".equals(error)) throw new Failure("sign-in failed: HTTP " + poll.statusCode() + " " + \
masked(poll.body()));
        }`
      : `        // 1. Client credentials (2-legged): the device goes in the request body.
        HttpResponse<String> reply = token(${literal(r.tokenEndpoint)}, "grant_type=client_credentials&scope=" + enc(${literal(r.scope)}));
        String accessToken = field(reply.body(), "access_token");
        if (!ok(reply) || accessToken == null) throw new Failure("sign-in failed: HTTP " + reply.statusCode() + " " + \
masked(reply.body()));`;
  const publisher =
    r.body === undefined
      ? 'HttpRequest.BodyPublishers.noBody()'
      : `HttpRequest.BodyPublishers.ofString(${literal(JSON.stringify(r.body))})`;
  const note = loginHintNote(r)
    .map((line) => `// ${line}\n`)
    .join('');
  return `// QoD: ${r.method} ${literal(r.url)}
${targetsLine(r, '//')}// Run with Java 11+: ${SECRET_ENV}=... java QodExample.java
// Exits non-zero, with the status and body, when a step answers anything but 2xx.
// Each request gives up after ${DEFAULT_TIMEOUT_SECONDS} s (or ${TIMEOUT_ENV}).
${note}import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class QodExample {
    static final String CLIENT_ID = ${literal(r.clientId)};
    static final String CLIENT_SECRET = System.getenv("${SECRET_ENV}");
    static final String UNREACHABLE = ${literal(unreachableAdvice(r))};
    static final Duration TIMEOUT = timeout(System.getenv("${TIMEOUT_ENV}"));
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(${CONNECT_TIMEOUT_SECONDS})).build();

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
        HttpRequest request = HttpRequest.newBuilder(URI.create(${literal(r.url)})).timeout(TIMEOUT)
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
        } catch (HttpTimeoutException e) {
            throw new Failure(origin + " did not answer within " + \
(TIMEOUT.toMillis() % 1000 == 0 ? String.valueOf(TIMEOUT.toMillis() / 1000) \
: String.valueOf(TIMEOUT.toMillis() / 1000.0)) + " s. " + UNREACHABLE);
        } catch (IOException e) {
            throw new Failure("Could not reach " + origin + ": " + e + ". " + UNREACHABLE);
        }
    }

    static HttpResponse<String> token(String url, String form) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)\
.header("Content-Type", "application/x-www-form-urlencoded");
${
  basic
    ? '        builder.header("Authorization", "Basic " + ' +
      'Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)));'
    : '        form = form + "&client_id=" + enc(CLIENT_ID) + "&client_secret=" + enc(CLIENT_SECRET);'
}
        return send(builder.POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    static boolean ok(HttpResponse<String> response) {
        return response.statusCode() >= 200 && response.statusCode() < 300;
    }

    /** The answer to print for a failed step, its tokens masked (a token is never printed). */
    static String masked(String body) {
        return body.replaceAll("(\\"(${TOKEN_FIELDS.join('|')})\\"\\\\s*:\\\\s*\\")([^\\"\\\\\\\\]|\\\\\\\\.)*", "$1***");
    }

    /** A number of seconds from the provider (the default when it is not a whole number), kept within low..high. */
    static long bounded(String text, long fallback, long low, long high) {
        long value;
        try {
            value = text == null ? fallback : Long.parseLong(text);
        } catch (NumberFormatException e) {
            value = fallback;
        }
        return Math.min(Math.max(value, low), high);
    }

    /** The per-request deadline: ${TIMEOUT_ENV} seconds when it is a positive number, else ${DEFAULT_TIMEOUT_SECONDS}. */
    static Duration timeout(String text) {
        try {
            double seconds = Double.parseDouble(text);
            if (seconds > 0) return Duration.ofMillis((long) (seconds * 1000));
        } catch (NullPointerException | NumberFormatException e) {
            // the default below
        }
        return Duration.ofSeconds(${DEFAULT_TIMEOUT_SECONDS});
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
