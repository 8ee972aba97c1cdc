package com.eusate.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eusate.login.Browser;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The documented way to try the example without a Sate account: {@code run-with-simulator.sh}
 * starts the built demo jar (its Sate simulator playing Sate for this app) and the built example jar
 * with the {@code simulator} profile; only the ports are other than the script's defaults. Then a
 * login as a customer makes it: the chat (on {@code localhost}) and the app (on {@code 127.0.0.1}) are
 * two hosts with their own cookies, as in a browser; the chat's link, the app's own login with
 * Spring's CSRF token, consent, Allow, "Back to your chat", and the chat, connected, showing the
 * app's orders that the simulator fetched with the token.
 */
class RunWithSimulatorIT {

    @Test
    void theScriptRunsTheExampleAgainstTheDemosSimulatorAndALoginGoesThrough() throws Exception {
        int demoPort = freePort();
        int appPort = freePort();
        Path script = Path.of("run-with-simulator.sh").toAbsolutePath();
        assertTrue(Files.isExecutable(script), script.toString());
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(name -> name.startsWith("SATE_") || name.equals("PORT")
                || name.startsWith("SPRING_"));
        pb.environment().putAll(Map.of("DEMO_PORT", Integer.toString(demoPort), "APP_PORT", Integer.toString(appPort)));
        Process script0 = pb.start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(script0.getInputStream(), StandardCharsets.UTF_8))) {
                out.lines().forEach(output::add);
            } catch (java.io.IOException | UncheckedIOException closed) {
                // the processes were stopped
            }
        }, "run-with-simulator-output");
        reader.setDaemon(true);
        reader.start();
        try {
            URI chatBase = URI.create("http://localhost:" + demoPort);
            URI appBase = URI.create("http://127.0.0.1:" + appPort);
            Browser chatHost = new Browser(chatBase);
            Browser appHost = new Browser(appBase);
            awaitUp(script0, output, chatHost, "/sate/");
            awaitUp(script0, output, appHost, "/login");
            assertTrue(output.stream().anyMatch(line -> line.contains("open " + chatBase + "/sate/")),
                    () -> "the demo says where to open the chat:\n" + String.join("\n", output));

            Browser.Page chat = chatHost.follow(chatHost.get("/sate/"));
            assertTrue(chat.body().contains("data-status=\"waiting\""), chat.body());
            Matcher link = Pattern.compile("id=\"login-link\" href=\"([^\"]+)\"").matcher(chat.body());
            assertTrue(link.find(), chat.body());
            String loginLink = link.group(1).replace("&amp;", "&");
            assertTrue(loginLink.startsWith(appBase + "/login?state="), loginLink);

            Browser.Page login = appHost.follow(appHost.get(loginLink));
            String springCsrf = login.formValue("_csrf");
            assertNotNull(springCsrf, login.body());
            Browser.Page consent = appHost.follow(appHost.post("/login",
                    Map.of("username", "alice", "password", "wonderland", "_csrf", springCsrf)));
            assertEquals("/sate-login/consent", consent.uri().getPath(), consent.uri() + "\n" + consent.body());
            Browser.Page done = appHost.follow(appHost.post("/sate-login/consent", Map.of("attempt",
                    consent.formValue("attempt"), "csrf", consent.formValue("csrf"), "decision", "allow")));
            assertTrue(done.body().contains("data-outcome=\"connected\""), done.body());
            String back = chatBase + "/sate/back";
            assertTrue(done.body().contains("href=\"" + back + "\""), "Back to your chat leads to " + back + ": " + done.body());

            Browser.Page connected = chatHost.follow(chatHost.get(back));
            assertEquals(chat.uri().getPath(), connected.uri().getPath(), "back to the same chat");
            assertTrue(connected.body().contains("data-status=\"connected\""), connected.body());
            assertTrue(connected.body().contains("data-http-status=\"200\"") && connected.body().contains("Tea set for six"),
                    "the simulator called the app's /api/orders with the token: " + connected.body());
        } finally {
            script0.descendants().forEach(ProcessHandle::destroy);
            script0.destroy();
            script0.waitFor();
        }
    }

    /** Waits until the page answers, at most 90 s; fails early if the script has exited. */
    private static void awaitUp(Process script, List<String> output, Browser browser, String path) throws Exception {
        for (int i = 0; i < 900; i++) {
            assertTrue(script.isAlive(), () -> "run-with-simulator.sh exited:\n" + String.join("\n", output));
            try {
                if (browser.get(path).status() < 500) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError(path + " did not answer:\n" + String.join("\n", output));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
