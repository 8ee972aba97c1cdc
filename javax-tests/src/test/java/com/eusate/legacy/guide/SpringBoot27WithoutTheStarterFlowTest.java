package com.eusate.legacy.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.eusate.login.Browser;
import com.eusate.login.FakeSate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Spring without the starter on Spring Boot 2.7 with the javax artifact, registered as
 * docs/spring-without-starter.md says ({@link GuideShopApplication}), over real HTTP on its embedded
 * Tomcat 9: for each login setup, Sate's link is captured on the first request whatever Spring
 * Security answers, the customer signs in, consents and allows, the stand-in Sate receives a token
 * for that customer, and the token opens the function.
 */
class SpringBoot27WithoutTheStarterFlowTest {

    static final String API_KEY = "sk_guide27_" + UUID.randomUUID().toString().replace("-", "");
    static final String SECRET = "guide27-test-signing-secret-" + UUID.randomUUID();
    static final FakeSate SATE = startSate();

    private static FakeSate startSate() {
        try {
            return new FakeSate(API_KEY);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopSate() throws Exception {
        SATE.close();
    }

    @ParameterizedTest(name = "shop.login={0}")
    @ValueSource(strings = {"default-page", "own-page", "fixed-success", "new-session"})
    void theLoginSetupCapturesTheStateAndTheWholeFlowReachesSate(String setup) throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(GuideShopApplication.class)
                .properties("shop.login=" + setup, "server.port=0", "server.address=127.0.0.1",
                        "sate.api-key=" + API_KEY, "sate.signing-secret=" + SECRET,
                        "sate.api-base-url=" + SATE.baseUrl())
                .run()) {
            URI base = URI.create("http://127.0.0.1:" + app.getEnvironment().getRequiredProperty("local.server.port"));
            Browser browser = new Browser(base);
            String state = "st_guide27_" + UUID.randomUUID();

            Browser.Page link = browser.get("/login?state=" + state);
            assertTrue(link.setCookies().stream().anyMatch(c -> c.startsWith("sate_login=")),
                    "the state is captured on the first request, whatever Spring Security answers: " + link.status());
            Browser.Page login = link.status() == 302 ? browser.follow(link) : link;
            assertEquals(200, login.status(), login.body());
            String springCsrf = hidden(login, "_csrf");
            assertNotNull(springCsrf, "the login page carries Spring's CSRF token: " + login.body());

            Browser.Page consent = browser.follow(browser.post("/login",
                    Map.of("username", "alice", "password", "wonderland", "_csrf", springCsrf)));
            assertEquals("/sate-login/consent", consent.uri().getPath(), consent.uri() + "\n" + consent.body());
            assertTrue(consent.body().contains("alice"), "the consent page names the customer: " + consent.body());

            Browser.Page decided = browser.post("/sate-login/consent", Map.of("attempt", hidden(consent, "attempt"),
                    "csrf", hidden(consent, "csrf"), "decision", "allow"));
            assertEquals(303, decided.status(), "Post/Redirect/Get: " + decided.body());
            Browser.Page done = browser.follow(decided);
            assertEquals(200, done.status(), done.body());
            assertTrue(done.body().contains("data-outcome=\"connected\""), done.body());

            List<FakeSate.Received> received = SATE.accepted().stream().filter(r -> r.state().equals(state)).toList();
            assertEquals(1, received.size(), "callbacks Sate accepted for this state");
            String token = received.get(0).authToken();
            assertEquals("alice", JWT.require(Algorithm.HMAC256(SECRET)).build().verify(token).getSubject());
            HttpResponse<String> orders = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(base.resolve("/api/orders")).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, orders.statusCode(), orders.body());
            assertTrue(orders.body().contains("\"customer\":\"alice\""), orders.body());
        }
    }

    /** The value of a form field, whatever the order of its attributes. */
    private static String hidden(Browser.Page page, String name) {
        Matcher input = Pattern.compile("<input[^>]*name=\"" + Pattern.quote(name) + "\"[^>]*>").matcher(page.body());
        if (!input.find()) {
            return null;
        }
        Matcher value = Pattern.compile("value=\"([^\"]*)\"").matcher(input.group());
        return value.find() ? value.group(1) : null;
    }
}
