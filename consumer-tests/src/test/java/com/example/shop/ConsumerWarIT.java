package com.example.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.eusate.login.Browser;
import com.eusate.login.FakeSate;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The integrator's WAR, built from our coordinates alone, in standalone Tomcat 10.1 and 11: the
 * container's FORM login, consent, delivery to a Sate stand-in that enforces the callback contract,
 * and the function Sate then calls with the token. This is the test that a Jackson clash in a
 * consumer's build (jackson-core 2.15 beside jackson-databind 2.21) fails.
 */
class ConsumerWarIT {

    private static final Path WAR = Path.of(System.getProperty("consumer.war"));
    private static final String API_KEY = "sk_consumer_" + UUID.randomUUID().toString().replace("-", "");
    private static final String SECRET = "consumer-test-signing-secret-" + UUID.randomUUID();

    static Stream<String> tomcats() {
        return Arrays.stream(System.getProperty("consumer.tomcats").split(","));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tomcats")
    void formLoginConsentAndDeliveryWorkAndTheFunctionServesTheTokensCustomer(String tomcat) throws Exception {
        try (FakeSate sate = new FakeSate(API_KEY);
             StandaloneTomcat container = StandaloneTomcat.start(
                     Path.of(System.getProperty("consumer.containers"), tomcat), WAR,
                     Map.of("alice", "wonderland"),
                     Map.of("SATE_API_KEY", API_KEY, "SATE_SIGNING_SECRET", SECRET),
                     Map.of("sate.api-base-url", sate.baseUrl().toString()))) {
            try {
                Browser browser = new Browser(container.baseUrl());
                String state = "st_" + UUID.randomUUID().toString().replace("-", "");

                Browser.Page loginForm = browser.follow(browser.get("/account?state=" + state));
                assertTrue(loginForm.body().contains("j_security_check"), loginForm.body());
                Browser.Page consent = browser.follow(browser.post("/j_security_check",
                        Map.of("j_username", "alice", "j_password", "wonderland")));
                assertTrue(consent.uri().getPath().endsWith("/sate-login/consent"), consent.toString());
                Browser.Page done = browser.post("/sate-login/consent", Map.of("attempt", consent.formValue("attempt"),
                        "csrf", consent.formValue("csrf"), "decision", "allow"));
                assertEquals(200, done.status(), done::toString);
                assertTrue(done.body().contains("data-outcome=\"connected\""), done.body());

                assertEquals(1, sate.accepted().size(), "Sate received the token once");
                FakeSate.Received received = sate.accepted().get(0);
                assertEquals(state, received.state());
                DecodedJWT token = JWT.require(Algorithm.HMAC256(SECRET)).build().verify(received.authToken());
                assertEquals("alice", token.getSubject());
                assertEquals(received.expiresAtSeconds(), token.getExpiresAtAsInstant().getEpochSecond());

                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> me = http.send(HttpRequest.newBuilder(container.baseUrl().resolve("/api/me"))
                        .header("Authorization", "Bearer " + received.authToken()).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, me.statusCode());
                assertEquals("alice", me.body());
                HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(
                        container.baseUrl().resolve("/api/me")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(401, anonymous.statusCode());

                String logs = container.logs();
                assertFalse(logs.contains(API_KEY) || logs.contains(SECRET) || logs.contains(received.authToken()),
                        "the container's logs hold no secret");
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(e.getMessage() + "\n--- container logs ---\n" + container.logs(), e);
            }
        }
    }

    @Test
    void theWarHoldsOneJacksonReleaseInEveryJacksonJar() throws IOException {
        Map<String, String> versions = new TreeMap<>();
        try (ZipFile war = new ZipFile(WAR.toFile())) {
            List<String> jars = war.stream().map(e -> e.getName())
                    .filter(n -> n.startsWith("WEB-INF/lib/jackson-") && n.endsWith(".jar")).toList();
            for (String jar : jars) {
                String file = jar.substring("WEB-INF/lib/".length(), jar.length() - ".jar".length());
                int dash = file.lastIndexOf('-');
                String previous = versions.put(file.substring(0, dash), file.substring(dash + 1));
                assertEquals(null, previous, "two versions of " + file.substring(0, dash) + ": " + jars);
            }
        }
        assertEquals(List.of("jackson-annotations", "jackson-core", "jackson-databind"), List.copyOf(versions.keySet()),
                versions::toString);
        String release = versions.get("jackson-core");
        assertEquals(release, versions.get("jackson-databind"), versions::toString);
        // jackson-annotations is versioned by minor release only since 2.20 ("2.21" for 2.21.x)
        assertTrue(release.startsWith(versions.get("jackson-annotations") + "."), versions::toString);
    }
}
