package com.eusate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every JMH benchmark once, briefly and in this JVM: a benchmark that cannot even start (a
 * missing class, a failing setup) fails the build here instead of on the day someone measures. The
 * figures of such a run mean nothing; docs/performance.md's come from {@code java -jar benchmarks.jar}.
 */
class EveryBenchmarkRunsTest {

    @Test
    void everyBenchmarkOfTheJarRunsToTheEndWhileAnotherJmhRunHoldsTheMachinesLock() throws Exception {
        // what `java -jar benchmarks.jar` beside the build holds: the default tmpdir's jmh.lock
        Path machineLock = Path.of(System.getProperty("jmh.machine-tmpdir", "/tmp"), "jmh.lock");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process other = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                JmhLockHolder.class.getName(), machineLock.toString())).redirectErrorStream(true).start();
        try {
            String said = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertEquals("locked", said, "the stand-in for another JMH run could not lock " + machineLock);
            runEveryBenchmark();
        } finally {
            other.getOutputStream().close();
            other.waitFor();
        }
    }

    private static void runEveryBenchmark() throws Exception {
        Options smoke = new OptionsBuilder()
                .include("com\\.eusate\\.login\\..*Benchmark")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(200))
                .threads(1)
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(smoke).run();
        // 3 filter, 5 callback, 2 issue, 4 verify
        assertEquals(14, results.size(), "benchmarks that ran: " + results.size());
    }
}
