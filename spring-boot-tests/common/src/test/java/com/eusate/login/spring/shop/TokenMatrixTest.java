package com.eusate.login.spring.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.eusate.login.Browser;
import com.eusate.login.internal.Hmac;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every place Sate may put its token × {@code when-no-token} × what a request carries, against the
 * shop's {@code POST /api/notes} ({@code @PreAuthorize("isAuthenticated()")}, CSRF on): a Sate
 * {@code Authentication} exists only where a token verified in that request, CSRF is skipped only
 * then, and nothing else is mistaken for it.
 */
class TokenMatrixTest {

    static final String SECRET = "token-matrix-signing-secret-" + UUID.randomUUID();

    static Stream<Arguments> setups() {
        return Stream.of("header", "query", "body").flatMap(location -> Stream.of("reject", "pass")
                .map(mode -> Arguments.of(location, mode)));
    }

    @ParameterizedTest(name = "token-location={0}, when-no-token={1}")
    @MethodSource("setups")
    void anAuthenticationAndTheCsrfExemptionComeOnlyFromATokenVerifiedInThatRequest(String location, String mode)
            throws Exception {
        try (ConfigurableApplicationContext shop = new SpringApplicationBuilder(ShopApplication.class).properties(
                "server.port=0", "shop.login=own-page", "sate.login.api-key=sk_matrix_" + UUID.randomUUID(),
                "sate.login.signing-secret=" + SECRET, "sate.login.api-base-url=http://127.0.0.1:9",
                "sate.login.allow-insecure-localhost=true", "sate.token.paths=/api/**",
                "sate.token.token-location=" + location, "sate.token.when-no-token=" + mode).run()) {
            URI base = URI.create("http://127.0.0.1:" + shop.getEnvironment().getProperty("local.server.port"));
            Call call = new Call(base, location);
            String valid = token("alice");
            String invalid = valid.substring(0, valid.length() - 2) + (valid.endsWith("AA") ? "BB" : "AA");
            boolean reject = mode.equals("reject");

            // no token, no session, no CSRF token: the request of issue 20
            HttpResponse<String> none = call.post(null, null, null);
            assertEquals(reject ? 401 : 403, none.statusCode(), reject ? "refused for want of a Sate token"
                    : "Spring's CSRF protection refuses an anonymous POST without its token: " + none.body());
            assertFalse(none.body().contains("saved"), none.body());

            HttpResponse<String> bad = call.post(invalid, null, null);
            assertEquals(401, bad.statusCode(), bad.body());
            assertEquals("Bearer error=\"invalid_token\"", bad.headers().firstValue("WWW-Authenticate").orElse(null));

            HttpResponse<String> good = call.post(valid, null, null);
            assertEquals(200, good.statusCode(), good.body());
            assertTrue(good.body().contains("\"via\":\"sate\"") && good.body().contains("\"customer\":\"alice\""),
                    "a Sate Authentication of the token's customer, without any CSRF token: " + good.body());

            Browser browser = new Browser(base);
            Browser.Page login = browser.get("/login");
            browser.follow(browser.post("/login", Map.of("username", "bob", "password", "builder",
                    "_csrf", ShopFlowSupport.hidden(login, "_csrf"))));
            String session = browser.cookies.get("JSESSIONID");
            String csrf = ShopFlowSupport.hidden(browser.get("/"), "_csrf");

            HttpResponse<String> sessionOnly = call.post(null, session, null);
            assertEquals(reject ? 401 : 403, sessionOnly.statusCode(), reject ? "refused for want of a Sate token"
                    : "the session's POST without its CSRF token is refused by CSRF: " + sessionOnly.body());
            HttpResponse<String> sessionWithCsrf = call.post(null, session, csrf);
            if (reject) {
                assertEquals(401, sessionWithCsrf.statusCode(), "reject: the session has no rights on Sate's paths");
            } else {
                assertEquals(200, sessionWithCsrf.statusCode(), sessionWithCsrf.body());
                assertTrue(sessionWithCsrf.body().contains("\"via\":\"session\"")
                        && sessionWithCsrf.body().contains("\"customer\":\"bob\""), sessionWithCsrf.body());
            }

            HttpResponse<String> sessionAndBadToken = call.post(invalid, session, csrf);
            assertEquals(401, sessionAndBadToken.statusCode(), "an invalid token never falls back to the session: "
                    + sessionAndBadToken.body());
        }
    }

    /** A token as the login side issues it with this secret. */
    static String token(String subject) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return JWT.create().withKeyId(Hmac.keyIdOf(SECRET.getBytes(StandardCharsets.UTF_8)))
                .withIssuer("sate-login-middleware").withAudience("sate").withSubject(subject)
                .withIssuedAt(now).withExpiresAt(now.plusSeconds(600)).withJWTId(UUID.randomUUID().toString())
                .sign(Algorithm.HMAC256(SECRET));
    }

    /** {@code POST /api/notes} with the token where the setup says Sate puts it, a session and a CSRF token. */
    record Call(URI base, String location) {
        HttpResponse<String> post(String token, String session, String csrf) throws Exception {
            String query = token != null && location.equals("query")
                    ? "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) : "";
            String body = "{\"text\":\"gift wrap\"" + (token != null && location.equals("body")
                    ? ",\"token\":\"" + token + "\"" : "") + "}";
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/api/notes" + query))
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (token != null && location.equals("header")) {
                request.header("Authorization", "Bearer " + token);
            }
            if (session != null) {
                request.header("Cookie", "JSESSIONID=" + session);
            }
            if (csrf != null) {
                request.header("X-CSRF-TOKEN", csrf);
            }
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
