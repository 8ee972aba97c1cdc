package com.eusate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collection;
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
    void everyBenchmarkOfTheJarRunsToTheEnd() throws Exception {
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
