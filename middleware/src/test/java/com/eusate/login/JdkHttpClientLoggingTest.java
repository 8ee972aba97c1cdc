package com.eusate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * With the JDK HTTP client's own logging turned on (a JVM-wide switch, so in a separate JVM), what
 * reaches the log? Our own lines never carry a secret. The JDK's header logging does carry the API
 * key, which no library can filter: the filter warns at startup, and SECURITY.md documents it.
 */
class JdkHttpClientLoggingTest {

    /** What must never show: made fresh for each test. */
    private record Secrets(String apiKey, String token, String state) {
        static Secrets fresh() {
            String random = UUID.randomUUID().toString().replace("-", "");
            return new Secrets("sk_probe_" + random, "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwcm9iZSJ9." + random + "x",
                    "st_probe_" + random + "y");
        }

        boolean foundIn(String line) {
            return line.contains(apiKey) || line.contains(token) || line.contains(state);
        }
    }

    private static List<String> runProbe(String jdkLogSwitch, FakeSate sate, Secrets secrets) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path")));
        if (jdkLogSwitch != null) {
            command.add(jdkLogSwitch);
        }
        command.addAll(List.of(JdkHttpClientLoggingProbe.class.getName(), sate.baseUrl().toString(), secrets.apiKey(),
                secrets.token(), secrets.state()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertTrue(output.contains("PROBE RESULT DELIVERED"), output);
        return List.of(output.split("\n"));
    }

    @Test
    void withAllOfTheJdkClientsLoggingOnOurLinesStayCleanAndTheHeaderLeakIsWarnedAbout() throws Exception {
        Secrets secrets = Secrets.fresh();
        try (FakeSate sate = new FakeSate(secrets.apiKey())) {
            List<String> lines = runProbe("-Djdk.httpclient.HttpClient.log=all", sate, secrets);

            String current = "";
            List<String> leakingLoggers = new ArrayList<>();
            for (String line : lines) {
                if (line.startsWith("[")) {
                    current = line.substring(1, line.indexOf(']'));
                }
                if (secrets.foundIn(line)) {
                    leakingLoggers.add(current);
                    assertFalse(current.startsWith("com.eusate"), "our own log line leaks a secret: " + line);
                }
            }
            assertTrue(lines.stream().anyMatch(l -> l.contains("makes the JDK HTTP client log request headers")),
                    "the filter warns that the JDK will log the API key");
            // the documented, unpreventable risk: the JDK's own logger, and only it, shows the header
            assertFalse(leakingLoggers.isEmpty(), "the JDK no longer logs the Authorization header: update SECURITY.md");
            assertTrue(leakingLoggers.stream().allMatch(l -> l.equals("jdk.httpclient.HttpClient")), leakingLoggers::toString);
        }
    }

    @Test
    void withTheJdkClientsLoggingOffNothingAtAnyLevelCarriesASecret() throws Exception {
        Secrets secrets = Secrets.fresh();
        try (FakeSate sate = new FakeSate(secrets.apiKey())) {
            List<String> lines = runProbe(null, sate, secrets);
            for (String line : lines) {
                assertFalse(secrets.foundIn(line), line);
            }
            assertEquals(1, sate.accepted().size());
        }
    }
}
