package com.eusate.login;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@link CpuPairs} for one pair in a JVM of its own and returns its rounds: {baseline, ours} CPU ns
 * per operation, then {baseline, ours} bytes allocated per operation.
 */
final class CpuPairsRun {

    private CpuPairsRun() {
    }

    static List<double[]> rounds(String pair, int rounds, String standInUrl) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms1g", "-Xmx1g", "-Xbatch"));
        if (standInUrl != null) {
            command.add("-D" + SateStandIn.URL_PROPERTY + "=" + standInUrl);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CpuPairs.class.getName(), pair,
                String.valueOf(rounds)));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<double[]> result = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("ROUND ")) {
                    String[] f = line.split(" ");
                    result.add(new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                        Double.parseDouble(f[4])});
                }
            }
        }
        if (child.waitFor() != 0 || result.size() != rounds) {
            throw new IllegalStateException("CpuPairs " + pair + " failed (exit " + child.exitValue() + ")");
        }
        return result;
    }
}
