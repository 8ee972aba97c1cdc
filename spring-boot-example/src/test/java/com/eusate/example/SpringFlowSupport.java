package com.eusate.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.eusate.login.Browser;
import com.eusate.login.FakeSate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole flow against the real Spring Boot app on a random port, over HTTP, with Spring
 * Security's form login and CSRF protection on, and a real HTTP server playing Sate. The app is
 * configured as a user would: the starter's properties, nothing else.
 */
abstract class SpringFlowSupport {

    static final String API_KEY = "sk_spring_" + UUID.randomUUID().toString().replace("-", "");
    static final String SECRET = "spring-example-signing-secret-" + UUID.randomUUID();
    static final FakeSate SATE = startSate();

    @Value("${local.server.port}")
    int port;

    /** One stand-in for every Spring context of the run (Spring caches contexts across test classes). */
    private static FakeSate startSate() {
        try {
            FakeSate sate = new FakeSate(API_KEY);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    sate.close();
                } catch (Exception ignored) {
                    // the JVM is exiting
                }
            }));
            return sate;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void sate(DynamicPropertyRegistry registry) {
        registry.add("SATE_API_KEY", () -> API_KEY); // what application.properties reads
        registry.add("SATE_SIGNING_SECRET", () -> SECRET);
        registry.add("sate.login.api-base-url", () -> SATE.baseUrl().toString());
        registry.add("sate.login.allow-insecure-localhost", () -> "true");
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Sate's link, Spring's login with its CSRF token, the consent page; returns the token Sate received. */
    String connect(Browser browser, String user, String password) throws Exception {
        String state = "st_" + UUID.randomUUID();
        Browser.Page link = browser.get("/login?state=" + state);
        assertTrue(link.setCookies().stream().anyMatch(c -> c.startsWith("sate_login=")),
                "the state is captured on the first request, whatever Spring Security answers: " + link.headers());
        // Spring's permitAll() for loginPage("/login") matches /login without a query: it sends Sate's link on to /login
        Browser.Page login = browser.follow(link);
        assertEquals(200, login.status(), login.body());
        String springCsrf = login.formValue("_csrf");
        assertNotNull(springCsrf, login.body());

        Browser.Page consent = browser.follow(browser.post("/login",
                Map.of("username", user, "password", password, "_csrf", springCsrf)));
        assertTrue(consent.uri().getPath().equals("/sate-login/consent"), consent.uri() + "\n" + consent.body());

        Browser.Page done = browser.follow(browser.post("/sate-login/consent", Map.of(
                "attempt", consent.formValue("attempt"), "csrf", consent.formValue("csrf"), "decision", "allow")));
        assertEquals(200, done.status(), done.body());
        assertTrue(done.body().contains("data-outcome=\"connected\""), done.body());

        FakeSate.Received received = SATE.accepted().stream().filter(r -> r.state().equals(state)).findFirst()
                .orElseThrow(() -> new AssertionError("Sate did not receive state " + state));
        assertEquals(user, JWT.decode(received.authToken()).getSubject());
        return received.authToken();
    }

    HttpResponse<String> callOrders(String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base().resolve("/api/orders"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
