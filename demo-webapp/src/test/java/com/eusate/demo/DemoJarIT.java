package com.eusate.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Starts the built {@code target/sate-login-demo.jar} with {@code java -jar}, as a user would, and
 * drives it over HTTP: the pages are served, a whole login through the simulator works, and the
 * process's output never shows the API key, the signing secret, a token or a raw state.
 */
class DemoJarIT {

    static final String API_KEY = "demo_key_" + UUID.randomUUID().toString().replace("-", "");
    static final String SECRET = "demo-signing-secret-" + UUID.randomUUID();
    /** The start of any JWT: base64url of {"  */
    static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{10,}\\.");

    private static Process process;
    private static final List<String> output = new CopyOnWriteArrayList<>();
    private static URI base;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startJar() throws Exception {
        Path jar = Path.of(System.getProperty("demo.jar", "target/sate-login-demo.jar"));
        assertTrue(Files.isRegularFile(jar), "run after mvn package: " + jar.toAbsolutePath());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-jar", jar.toString()).redirectErrorStream(true);
        pb.environment().remove("SATE_API_BASE_URL");
        pb.environment().putAll(Map.of("PORT", "0", "SATE_API_KEY", API_KEY, "SATE_SIGNING_SECRET", SECRET));
        long started = System.nanoTime();
        process = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Pattern ready = Pattern.compile("open (http://localhost:\\d+)/");
        Thread reader = new Thread(() -> {
            try {
                out.lines().forEach(output::add);
            } catch (java.io.UncheckedIOException closedAtShutdown) {
                // the process was stopped
            }
        }, "demo-output");
        reader.setDaemon(true);
        reader.start();
        for (int i = 0; i < 300 && base == null; i++) {
            for (String line : output) {
                Matcher m = ready.matcher(line);
                if (m.find()) {
                    base = URI.create(m.group(1));
                }
            }
            assertTrue(process.isAlive(), () -> "the demo exited:\n" + String.join("\n", output));
            Thread.sleep(100);
        }
        assertTrue(base != null, () -> "the demo did not say where it serves:\n" + String.join("\n", output));
        System.out.println("demo jar ready in " + (System.nanoTime() - started) / 1_000_000 + " ms at " + base);
    }

    @AfterAll
    static void stopJar() throws Exception {
        if (process != null) {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String attribute(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
        assertTrue(m.find(), () -> name + " not in " + html);
        return m.group(1);
    }

    @Test
    void servesTheLoginPageAndTheSimulator() throws Exception {
        HttpResponse<String> login = get("/login");
        assertEquals(200, login.statusCode());
        assertTrue(login.body().contains("name=\"username\"") && login.body().contains("name=\"password\""));
        HttpResponse<String> chat = get("/sate/");
        assertEquals(200, chat.statusCode());
        assertTrue(chat.uri().getPath().startsWith("/sate/chat/"), chat.uri().toString());
        assertTrue(chat.body().contains("data-status=\"waiting\"") && chat.body().contains("/login?state="));
    }

    @Test
    void wholeLoginThroughTheSimulatorWorksAndTheLogShowsNoSecret() throws Exception {
        HttpResponse<String> chat = get("/sate/");
        Matcher link = Pattern.compile("href=\"(/login\\?state=([^\"]+))\"").matcher(chat.body());
        assertTrue(link.find(), chat.body());
        String state = link.group(2);

        assertEquals(200, get(link.group(1)).statusCode());
        HttpResponse<String> consent = post("/login", Map.of("username", "alice", "password", "wonderland"));
        assertTrue(consent.uri().getPath().equals("/sate-login/consent"), consent.uri().toString());
        HttpResponse<String> done = post("/sate-login/consent", Map.of("attempt", attribute(consent.body(), "attempt"),
                "csrf", attribute(consent.body(), "csrf"), "decision", "allow"));
        assertTrue(done.body().contains("data-outcome=\"connected\""), done.body());

        HttpResponse<String> connected = get(chat.uri().getPath());
        assertTrue(connected.body().contains("data-status=\"connected\""), connected.body());
        assertTrue(connected.body().contains("Tea set for six"), connected.body());

        HttpResponse<String> unauthenticated = http.send(HttpRequest.newBuilder(base.resolve("/api/orders")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, unauthenticated.statusCode());

        Thread.sleep(300); // let the last log lines arrive
        String log = String.join("\n", output);
        assertTrue(log.contains("Delivered the token for state #"), "the log tells the story by fingerprint:\n" + log);
        for (String secret : List.of(API_KEY, SECRET, state)) {
            assertFalse(log.contains(secret), "the demo's log shows a secret:\n" + log);
        }
        assertFalse(JWT.matcher(log).find(), "the demo's log shows a token:\n" + log);
    }

    @Test
    void theBannerNamesTheUrlToOpenTheSimulatorsChat() {
        assertTrue(output.stream().anyMatch(line -> line.startsWith("Sate login demo is running: open " + base + "/sate/ ")),
                () -> String.join("\n", output));
    }

    @Test
    void aBusyPortPrintsOneLineNamingPortAndExits() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            Path jar = Path.of(System.getProperty("demo.jar", "target/sate-login-demo.jar"));
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            ProcessBuilder pb = new ProcessBuilder(java.toString(), "-jar", jar.toString()).redirectErrorStream(true);
            pb.environment().put("PORT", Integer.toString(taken.getLocalPort()));
            Process busy = pb.start();
            assertTrue(busy.waitFor(60, TimeUnit.SECONDS), "the demo did not exit");
            List<String> lines = new String(busy.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank()).toList();

            assertEquals(2, busy.exitValue());
            assertEquals(List.of("Port " + taken.getLocalPort() + " is already in use: set PORT to a free port, for"
                    + " example PORT=8081 java -jar demo-webapp/target/sate-login-demo.jar"), lines);
        }
    }
}
