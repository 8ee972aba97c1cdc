package com.eusate.login.spring.shop;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole flow against the real shop on a random port, over HTTP, with a real HTTP server playing
 * Sate that enforces the callback contract: Sate's link, the shop's login as the setup has it,
 * consent, delivery; then Sate's calls with the token it received.
 */
abstract class ShopFlowSupport {

    static final String API_KEY = "sk_boot_" + UUID.randomUUID().toString().replace("-", "");
    static final String SECRET = "spring-boot-starter-signing-secret-" + UUID.randomUUID();
    static final FakeSate SATE = startSate();

    @Value("${local.server.port}")
    int port;

    /** One stand-in for every Spring context of the run. */
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

    /** All the shop says about Sate: the two required properties (and where the stand-in listens). */
    @DynamicPropertySource
    static void sate(DynamicPropertyRegistry registry) {
        registry.add("sate.login.api-key", () -> API_KEY);
        registry.add("sate.login.signing-secret", () -> SECRET);
        registry.add("sate.login.api-base-url", () -> SATE.baseUrl().toString());
        registry.add("sate.login.allow-insecure-localhost", () -> "true");
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    static String newState() {
        return "st_" + UUID.randomUUID();
    }

    /** Sate's link on the shop's login page, then the shop's form login: the page the login leads to. */
    Browser.Page formLogin(Browser browser, String state, String user, String password) throws Exception {
        Browser.Page link = browser.get("/login?state=" + state);
        assertTrue(link.setCookies().stream().anyMatch(c -> c.startsWith("sate_login=")),
                "the state is captured on the first request, whatever Spring Security answers: " + link.status());
        Browser.Page login = browser.follow(link); // Spring may send the link on to its login page first
        assertEquals(200, login.status(), login.body());
        String csrf = hidden(login, "_csrf");
        assertNotNull(csrf, "the login page carries Spring's CSRF token: " + login.body());
        return browser.follow(browser.post("/login", Map.of("username", user, "password", password, "_csrf", csrf)));
    }

    /** On the consent page: Allow; asserts the outcome and that Sate received the state; returns the token. */
    static String allow(Browser browser, Browser.Page consent, String state, String user) throws Exception {
        assertEquals("/sate-login/consent", consent.uri().getPath(), consent.uri() + "\n" + consent.body());
        Browser.Page done = browser.follow(browser.post("/sate-login/consent", Map.of(
                "attempt", hidden(consent, "attempt"), "csrf", hidden(consent, "csrf"), "decision", "allow")));
        assertEquals(200, done.status(), done.body());
        assertTrue(done.body().contains("data-outcome=\"connected\""), done.body());
        FakeSate.Received received = SATE.accepted().stream().filter(r -> r.state().equals(state)).findFirst()
                .orElseThrow(() -> new AssertionError("Sate did not receive the state"));
        assertEquals(user, JWT.decode(received.authToken()).getSubject());
        return received.authToken();
    }

    /** The whole form-login flow; returns the token Sate received. */
    String connect(Browser browser, String user, String password) throws Exception {
        String state = newState();
        return allow(browser, formLogin(browser, state, user, password), state, user);
    }

    /** The value of a form field, whatever the order of its attributes. */
    static String hidden(Browser.Page page, String name) {
        Matcher input = Pattern.compile("<input[^>]*name=\"" + Pattern.quote(name) + "\"[^>]*>").matcher(page.body());
        if (!input.find()) {
            return null;
        }
        Matcher value = Pattern.compile("value=\"([^\"]*)\"").matcher(input.group());
        return value.find() ? value.group(1) : null;
    }

    /** A call as Sate makes it: the token in the Authorization header, nothing else. */
    HttpResponse<String> asSate(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base().resolve(path)).header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
