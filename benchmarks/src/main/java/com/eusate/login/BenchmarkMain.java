package com.eusate.login;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark in one JVM session and prints each result beside its baseline, with the
 * ratio and the goal. Ratios, not absolute times, are what to compare across these shared machines.
 * Usage: {@code java -jar benchmarks/target/benchmarks.jar [regex]}.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        Options options = new OptionsBuilder()
                .include(args.length > 0 ? args[0] : "com\\.eusate\\.login\\..*Benchmark\\..*")
                .forks(1)
                .warmupIterations(3).warmupTime(TimeValue.seconds(2))
                .measurementIterations(5).measurementTime(TimeValue.seconds(2))
                .jvmArgsAppend("-Xms1g", "-Xmx1g")
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, RunResult> byName = new LinkedHashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            byName.put(name.substring(name.lastIndexOf('.') + 1), r);
        }
        System.out.println();
        System.out.println("| measurement | baseline | ours | result | goal |");
        System.out.println("|---|---|---|---|---|");
        added(byName, "SateLoginFilter, request with nothing to do (baseline: the bare chain after the same four"
                + " reads of the request)", "bareChainAfterTheFiltersReads", "sateLoginFilterNothingToDo", 50);
        ratio(byName, "Token issuance vs raw java-jwt HS256", "rawJavaJwtSign", "sateIssue", 0.9, false);
        ratio(byName, "Token verification, token seen before, vs one HMAC-SHA256", "hmacFloor",
                "sateVerifyRepeated", 1.0, false);
        ratio(byName, "Token verification, first seen, vs raw java-jwt", "rawJavaJwtVerifyFirstSeen",
                "sateVerifyFirstSeen", 0.9, false);
        ratio(byName, "Callback delivery vs raw JDK client, concurrency 1", "rawJdkClientPost1", "sateDeliver1", 0.9, true);
        ratio(byName, "Callback delivery vs raw JDK client, concurrency 16", "rawJdkClientPost16", "sateDeliver16",
                0.9, true);
        RunResult latency = byName.get("sateDeliverLatency");
        if (latency != null) {
            double p50 = latency.getPrimaryResult().getStatistics().getPercentile(50);
            System.out.printf(Locale.ROOT, "| Callback delivery p50 latency, loopback | - | %.0f µs | %.0f µs | < 1000 µs %s |%n",
                    p50, p50, p50 < 1000 ? "(met)" : "(NOT met)");
        }
    }

    private static double score(Map<String, RunResult> r, String name) {
        return r.get(name).getPrimaryResult().getScore();
    }

    private static void added(Map<String, RunResult> r, String what, String base, String ours, double goalNs) {
        if (!r.containsKey(base) || !r.containsKey(ours)) {
            return;
        }
        double added = score(r, ours) - score(r, base);
        System.out.printf(Locale.ROOT, "| %s | %.1f ns | %.1f ns | +%.1f ns | <= %.0f ns %s |%n", what, score(r, base),
                score(r, ours), added, goalNs, added <= goalNs ? "(met)" : "(NOT met)");
    }

    /** Ratio of throughputs: for times (lower is better) baseline/ours, for throughputs ours/baseline. */
    private static void ratio(Map<String, RunResult> r, String what, String base, String ours, double goal,
                              boolean throughput) {
        if (!r.containsKey(base) || !r.containsKey(ours)) {
            return;
        }
        double b = score(r, base);
        double o = score(r, ours);
        double ratio = throughput ? o / b : b / o;
        String unit = throughput ? " ops/s" : " ns";
        System.out.printf(Locale.ROOT, "| %s | %.0f%s | %.0f%s | %.2f x | >= %.1f x %s |%n", what, b, unit, o, unit,
                ratio, goal, ratio >= goal ? "(met)" : "(NOT met)");
    }
}
