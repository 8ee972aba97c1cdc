package com.example.bootshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The starter from the staged release in a Spring Boot 4 app on its real server: Sate's link, Spring
 * Security's own login page, consent, the token delivered to a Sate stand-in, then Sate's call to
 * the app's function with that token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StagedStarterFlowTest {

    static final FakeSate SATE = start();

    @Value("${local.server.port}")
    int port;

    private static FakeSate start() {
        try {
            return new FakeSate(System.getenv("SATE_API_KEY"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        SATE.close();
    }

    @DynamicPropertySource
    static void sate(DynamicPropertyRegistry registry) {
        registry.add("sate.login.api-base-url", () -> SATE.baseUrl().toString());
        registry.add("sate.login.allow-insecure-localhost", () -> "true");
    }

    @Test
    void aCustomerWhoSignsInAndAllowsGivesSateATokenThatCallsTheAppsFunctionAsThem() throws Exception {
        URI base = URI.create("http://127.0.0.1:" + port);
        Browser browser = new Browser(base);
        String state = "st_" + UUID.randomUUID();

        Browser.Page link = browser.get("/login?state=" + state);
        assertTrue(link.setCookies().stream().anyMatch(c -> c.startsWith("sate_login=")), "the state was not captured");
        Browser.Page login = browser.follow(link);
        assertEquals(200, login.status(), login.body());
        Browser.Page consent = browser.follow(browser.post("/login",
                Map.of("username", "alice", "password", "wonderland", "_csrf", field(login, "_csrf"))));
        assertEquals("/sate-login/consent", consent.uri().getPath(), consent.body());
        Browser.Page done = browser.follow(browser.post("/sate-login/consent", Map.of("attempt",
                field(consent, "attempt"), "csrf", field(consent, "csrf"), "decision", "allow")));
        assertTrue(done.body().contains("data-outcome=\"connected\""), done.body());

        String token = SATE.accepted().stream().filter(r -> r.state().equals(state)).findFirst()
                .orElseThrow(() -> new AssertionError("Sate did not receive the state")).authToken();
        HttpResponse<String> orders = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/api/orders"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, orders.statusCode(), orders.body());
        assertTrue(orders.body().contains("\"customer\":\"alice\""), orders.body());

        HttpResponse<String> forged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/api/orders"))
                .header("Authorization", "Bearer " + token.substring(0, token.length() - 2) + "xx").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, forged.statusCode(), forged.body());
    }

    private static String field(Browser.Page page, String name) {
        Matcher input = Pattern.compile("<input[^>]*name=\"" + Pattern.quote(name) + "\"[^>]*>").matcher(page.body());
        assertTrue(input.find(), "no field " + name + " in " + page.body());
        Matcher value = Pattern.compile("value=\"([^\"]*)\"").matcher(input.group());
        assertTrue(value.find(), "no value for " + name);
        return value.group(1);
    }
}
