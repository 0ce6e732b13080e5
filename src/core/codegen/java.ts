import { literal, SECRET_ENV, type SnippetRequest } from './model';

export function javaSnippet(r: SnippetRequest): string {
  const basic = r.clientAuth === 'client_secret_basic';
  const signIn = r.flow === 'ciba'
    ? `        // 1. CIBA: ask the operator to authenticate the subscriber, then poll the token endpoint.
        String start = token(${literal(r.bcAuthorizeEndpoint ?? '')}, "login_hint=" + enc(${literal(r.loginHint ?? '')}) + "&scope=" + enc(${literal(r.scope)}));
        String authReqId = field(start, "auth_req_id");
        if (authReqId == null) throw new IllegalStateException("bc-authorize failed: " + start);
        long interval = field(start, "interval") == null ? 5 : Long.parseLong(field(start, "interval"));
        long deadline = System.currentTimeMillis() + Long.parseLong(field(start, "expires_in")) * 1000;
        String accessToken = null;
        while (accessToken == null) {
            Thread.sleep(interval * 1000);
            if (System.currentTimeMillis() >= deadline) throw new IllegalStateException("the request expired before approval");
            String poll = token(${literal(r.tokenEndpoint)}, "grant_type=" + enc("urn:openid:params:grant-type:ciba") + "&auth_req_id=" + enc(authReqId));
            accessToken = field(poll, "access_token");
            String error = field(poll, "error");
            if (accessToken == null && "slow_down".equals(error)) interval += 5; // for this and every later poll
            else if (accessToken == null && !"authorization_pending".equals(error)) throw new IllegalStateException("sign-in failed: " + poll);
        }`
    : `        // 1. Client credentials (2-legged): the device goes in the request body.
        String reply = token(${literal(r.tokenEndpoint)}, "grant_type=client_credentials&scope=" + enc(${literal(r.scope)}));
        String accessToken = field(reply, "access_token");
        if (accessToken == null) throw new IllegalStateException("sign-in failed: " + reply);`;
  const publisher = r.body === undefined ? 'HttpRequest.BodyPublishers.noBody()' : `HttpRequest.BodyPublishers.ofString(${literal(JSON.stringify(r.body))})`;
  return `// QoD: ${r.method} ${r.url}
// Run with Java 11+: ${SECRET_ENV}=... java QodExample.java
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
    static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        if (CLIENT_SECRET == null) throw new IllegalStateException("set ${SECRET_ENV}");
${signIn}

        // 2. The QoD call, with an x-correlator to find it in the provider's logs.
        HttpRequest request = HttpRequest.newBuilder(URI.create(${literal(r.url)}))
            .header("Authorization", "Bearer " + accessToken)
            .header("x-correlator", UUID.randomUUID().toString())
            .header("Content-Type", "application/json")
            .method(${literal(r.method)}, ${publisher})
            .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        System.out.println(response.body());
        System.out.println("HTTP " + response.statusCode());
    }

    static String token(String url, String form) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded");
${basic
    ? '        builder.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)));'
    : '        form = form + "&client_id=" + enc(CLIENT_ID) + "&client_secret=" + enc(CLIENT_SECRET);'}
        return HTTP.send(builder.POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString()).body();
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
