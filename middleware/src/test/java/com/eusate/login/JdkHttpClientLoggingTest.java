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

    private static List<String> runProbe(String jdkLogSwitch, FakeSate sate, String apiKey, String token, String state)
            throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path")));
        if (jdkLogSwitch != null) {
            command.add(jdkLogSwitch);
        }
        command.addAll(List.of(JdkHttpClientLoggingProbe.class.getName(), sate.baseUrl().toString(), apiKey, token, state));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertTrue(output.contains("PROBE RESULT DELIVERED"), output);
        return List.of(output.split("\n"));
    }

    @Test
    void withAllOfTheJdkClientsLoggingOnOurLinesStayCleanAndTheHeaderLeakIsWarnedAbout() throws Exception {
        String apiKey = "sk_probe_" + UUID.randomUUID().toString().replace("-", "");
        String token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwcm9iZSJ9." + UUID.randomUUID().toString().replace("-", "");
        String state = "st_probe_" + UUID.randomUUID();
        try (FakeSate sate = new FakeSate(apiKey)) {
            List<String> lines = runProbe("-Djdk.httpclient.HttpClient.log=all", sate, apiKey, token, state);

            String current = "";
            List<String> leakingLoggers = new ArrayList<>();
            for (String line : lines) {
                if (line.startsWith("[")) {
                    current = line.substring(1, line.indexOf(']'));
                }
                if (line.contains(apiKey) || line.contains(token) || line.contains(state)) {
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
        String apiKey = "sk_probe_" + UUID.randomUUID().toString().replace("-", "");
        String token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwcm9iZSJ9." + UUID.randomUUID().toString().replace("-", "");
        String state = "st_probe_" + UUID.randomUUID();
        try (FakeSate sate = new FakeSate(apiKey)) {
            List<String> lines = runProbe(null, sate, apiKey, token, state);
            for (String line : lines) {
                assertFalse(line.contains(apiKey) || line.contains(token) || line.contains(state), line);
            }
            assertEquals(1, sate.accepted().size());
        }
    }
}
