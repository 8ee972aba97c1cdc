package com.eusate.login;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code ContainerHarness} (module {@code container-benchmarks}: embedded Tomcat 11, which
 * cannot share this jar's class path with Jetty 12's Servlet API) in a JVM of its own, and returns
 * its table rows. Its jar is found next to this one's module, or at {@code -Dsate.container.jar}.
 */
final class ContainerRun {

    private ContainerRun() {
    }

    static List<String> rows(int rounds) throws IOException, InterruptedException, URISyntaxException {
        Path jar = Path.of(System.getProperty("sate.container.jar", Path.of(BenchmarkMain.class.getProtectionDomain()
                .getCodeSource().getLocation().toURI()).getParent().resolve(
                "../../container-benchmarks/target/container-benchmarks.jar").normalize().toString()));
        if (!Files.isRegularFile(jar)) {
            return List.of("| in embedded Tomcat 11: not run, " + jar + " is missing (mvn -B package builds it) | | | | |");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process harness = new ProcessBuilder(java, "-Xms512m", "-Xmx512m", "-Xbatch",
                "-Djava.util.logging.config.file=/dev/null", "-jar", jar.toString(), String.valueOf(rounds))
                .redirectErrorStream(true).start();
        List<String> rows = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(harness.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("| ")) {
                    rows.add(line);
                } else if (line.startsWith("# ")) {
                    System.out.println(line);
                }
            }
        }
        if (harness.waitFor() != 0) {
            rows.add("| in embedded Tomcat 11: the harness failed (exit " + harness.exitValue() + ") | | | | |");
        }
        return rows;
    }
}
