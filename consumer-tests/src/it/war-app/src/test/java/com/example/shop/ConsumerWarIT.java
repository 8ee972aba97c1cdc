package com.example.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.eusate.login.Browser;
import com.eusate.login.FakeSate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The integrator's WAR, built from our coordinates alone, in the standalone Tomcat 10.1 and 11
 * distributions that Cargo started before this test: the container's FORM login, consent, delivery
 * to a Sate stand-in that enforces the callback contract, and the function Sate then calls with the
 * token. A consumer build that mixes Jackson releases (jackson-core 2.15 beside jackson-databind
 * 2.21) fails here: Allow then breaks inside the container with a NoSuchMethodError.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsumerWarIT {

    // the same values the containers got through their environment (see the invoker configuration)
    private static final String API_KEY = env("SATE_API_KEY");
    private static final String SECRET = env("SATE_SIGNING_SECRET");
    /** The port in the containers' api-base-url: FakeSate must listen there. */
    private static final int SATE_PORT = Integer.parseInt(System.getProperty("sate.port"));
    private static final Path LOGS = Path.of(System.getProperty("consumer.logs"));
    /** Every token Sate received in this run, for the log check that runs last. */
    private static final List<String> DELIVERED_TOKENS = new CopyOnWriteArrayList<>();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One running container: its display name, the app's base URL, its Cargo id (which names its log files). */
    record Tomcat(String name, URI app, String id) {
        @Override
        public String toString() {
            return name;
        }

        /** The app's URL for a path inside it ("/account"): the WAR is not the root app. */
        String path(String path) {
            return app.getPath() + path;
        }
    }

    static Stream<Tomcat> tomcats() {
        return Arrays.stream(System.getProperty("consumer.tomcats").split(",")).map(id -> new Tomcat(
                System.getProperty("consumer." + id + ".name"),
                URI.create(System.getProperty("consumer." + id + ".url")), id));
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("tomcats")
    void allowAfterFormLoginDeliversExactlyOneCallbackWithTheStateAndATokenWhoseExpIsTheDeliveredExpiry(Tomcat tomcat)
            throws Exception {
        try (FakeSate sate = new FakeSate(API_KEY, SATE_PORT)) {
            String state = newState();
            signInAndAllow(tomcat, sate, state);

            List<FakeSate.Received> received = sate.accepted();
            assertEquals(1, received.size(), () -> "callbacks Sate accepted; refused: " + sate.rejections()
                    + containerLogs(tomcat));
            FakeSate.Received callback = received.get(0);
            assertEquals(state, callback.state(), "the state of the callback");
            DecodedJWT token = JWT.require(Algorithm.HMAC256(SECRET)).build().verify(callback.authToken());
            assertEquals(callback.expiresAtSeconds(), token.getExpiresAtAsInstant().getEpochSecond(),
                    "the token's exp and auth_token_expires_at_seconds");
            assertEquals("alice", token.getSubject());
        }
    }

    @Order(2)
    @ParameterizedTest(name = "{0}")
    @MethodSource("tomcats")
    void apiMeAnswersAliceToTheTokenDeliveredForHer(Tomcat tomcat) throws Exception {
        String token;
        try (FakeSate sate = new FakeSate(API_KEY, SATE_PORT)) {
            signInAndAllow(tomcat, sate, newState());
            assertEquals(1, sate.accepted().size(), () -> "callbacks Sate accepted" + containerLogs(tomcat));
            token = sate.accepted().get(0).authToken();
        }

        HttpResponse<String> me = http.send(HttpRequest.newBuilder(tomcat.app().resolve(tomcat.path("/api/me")))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, me.statusCode(), () -> me.body() + containerLogs(tomcat));
        assertEquals("alice", me.body());
    }

    @Order(3)
    @ParameterizedTest(name = "{0}")
    @MethodSource("tomcats")
    void apiMeAnswers401WithoutAToken(Tomcat tomcat) throws Exception {
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(
                tomcat.app().resolve(tomcat.path("/api/me"))).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(401, anonymous.statusCode(), anonymous::body);
    }

    /** Last, so that it reads what the containers logged during the flows above. */
    @Order(4)
    @Test
    void noContainerOrCargoLogShowsTheApiKeyTheSigningSecretOrADeliveredToken() throws IOException {
        List<Path> files = logFiles(LOGS);
        // what makes this check mean something: the startup lines where Tomcat lists every -D argument
        // (the place a secret passed as a system property shows up) are among the files read
        assertTrue(files.stream().anyMatch(f -> read(f).contains("Command line argument: -Dsate.api-base-url=")),
                () -> "Tomcat's startup log is not among the files read: " + files);
        for (Path file : files) {
            String text = read(file);
            assertFalse(text.contains(API_KEY), "the API key appears in " + file);
            assertFalse(text.contains(SECRET), "the signing secret appears in " + file);
            for (String token : DELIVERED_TOKENS) {
                assertFalse(text.contains(token), "a delivered token appears in " + file);
            }
        }
    }

    /**
     * What a customer does: opens Sate's login link (a protected page with {@code ?state=}), gets the
     * container's login form, signs in, is sent back to that page and on to the consent page, and
     * chooses Allow. Asserts each step, and that the filter shows the "connected" outcome.
     */
    private void signInAndAllow(Tomcat tomcat, FakeSate sate, String state) throws Exception {
        Browser browser = new Browser(tomcat.app());
        Browser.Page loginForm = browser.follow(browser.get(tomcat.path("/account?state=" + state)));
        assertTrue(loginForm.body().contains("j_security_check"), () -> "the container's login form: " + loginForm);

        Browser.Page signedIn = browser.post(tomcat.path("/j_security_check"),
                Map.of("j_username", "alice", "j_password", "wonderland"));
        URI back = signedIn.uri().resolve(String.valueOf(signedIn.header("Location")));
        assertTrue(signedIn.status() / 100 == 3 && back.getPath().equals(tomcat.path("/account")),
                () -> "the container sends the customer back to the page Sate linked: " + signedIn);
        Browser.Page consent = browser.follow(signedIn);
        assertEquals(tomcat.path("/sate-login/consent"), consent.uri().getPath(),
                () -> "the consent page after the login: " + consent + containerLogs(tomcat));
        String attempt = consent.formValue("attempt");
        String csrf = consent.formValue("csrf");
        assertNotNull(attempt, consent::body);
        assertNotNull(csrf, consent::body);

        Browser.Page done = browser.follow(browser.post(tomcat.path("/sate-login/consent"),
                Map.of("attempt", attempt, "csrf", csrf, "decision", "allow")));
        sate.accepted().forEach(received -> DELIVERED_TOKENS.add(received.authToken()));
        assertEquals(200, done.status(), () -> "the answer to Allow: " + done + containerLogs(tomcat));
        assertTrue(done.body().contains("data-outcome=\"connected\""),
                () -> "the answer to Allow: " + done.body() + containerLogs(tomcat));
    }

    private static String newState() {
        return "st_" + UUID.randomUUID().toString().replace("-", "");
    }

    /**
     * The last lines of the container's logs, for a failure message: the cause of a 500 is there, not
     * in the page, and it is what the container logged last.
     */
    private static String containerLogs(Tomcat tomcat) {
        StringBuilder all = new StringBuilder("\n--- the last lines of the logs of ").append(tomcat).append(" ---\n");
        try {
            for (Path file : logFiles(LOGS)) {
                if (LOGS.relativize(file).toString().contains(tomcat.id())) {
                    List<String> lines = read(file).lines().toList();
                    all.append("==> ").append(LOGS.relativize(file)).append('\n')
                            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size())))
                            .append('\n');
                }
            }
        } catch (IOException e) {
            all.append("(could not read the logs: ").append(e).append(')');
        }
        return all.toString();
    }

    /**
     * What the containers and Cargo wrote: each container's console (where Cargo's Tomcat logging
     * goes), its logs/ folder and Cargo's own log; not the unpacked distributions under installs/.
     */
    private static List<Path> logFiles(Path dir) throws IOException {
        Path installs = dir.resolve("installs");
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).filter(p -> !p.startsWith(installs))
                    .filter(p -> p.toString().endsWith(".log") || p.toString().endsWith(".txt"))
                    .sorted().toList();
        }
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: the containers and this test read the API key and the signing secret"
                    + " from the environment (the invoker sets them; by hand, export them before mvn verify)");
        }
        return value;
    }
}
