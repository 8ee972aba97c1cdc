package com.eusate.login;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Measures each of our operations against its baseline in paired rounds: in every round the
 * baseline and ours run back to back (in alternating order), each in a fresh fork, so that the
 * load of this shared machine at that moment weighs on both. Each round gives one ratio (or one
 * difference); the table shows the median over the rounds and its spread, half the interquartile
 * range (as a share of the median for ratios). A ratio goal counts as met only when the median meets
 * it and the spread is within ±10 %; an added-time goal when the median meets it. Usage: {@code java -jar benchmarks/target/benchmarks.jar [rounds] [regex]}.
 */
public final class BenchmarkMain {

    /** How a pair is compared, and the goal. */
    private enum Kind {
        /** ours − baseline, average times in ns; goal: at most {@code goal} ns added. */
        ADDED_NS,
        /** baseline / ours, average times; goal: at least {@code goal}. */
        TIME_RATIO,
        /** ours / baseline, throughputs; goal: at least {@code goal}. */
        THROUGHPUT_RATIO
    }

    private record Pair(String what, String baseline, String ours, Kind kind, double goal) {
    }

    private static final List<Pair> PAIRS = List.of(
            new Pair("SateLoginFilter on a request with nothing to do, vs the bare chain after the same reads",
                    "FilterBenchmark.bareChainAfterTheFiltersReads", "FilterBenchmark.sateLoginFilterNothingToDo",
                    Kind.ADDED_NS, 50),
            new Pair("Token issuance vs raw java-jwt HS256", "IssueBenchmark.rawJavaJwtSign", "IssueBenchmark.sateIssue",
                    Kind.TIME_RATIO, 0.9),
            new Pair("Verifying a token seen before vs one HMAC-SHA256", "VerifyBenchmark.hmacFloor",
                    "VerifyBenchmark.sateVerifyRepeated", Kind.TIME_RATIO, 1.0),
            new Pair("Verifying a token seen the first time vs raw java-jwt", "VerifyBenchmark.rawJavaJwtVerifyFirstSeen",
                    "VerifyBenchmark.sateVerifyFirstSeen", Kind.TIME_RATIO, 1.0),
            new Pair("Callback delivery vs the raw JDK client, concurrency 1", "CallbackBenchmark.rawJdkClientPost1",
                    "CallbackBenchmark.sateDeliver1", Kind.THROUGHPUT_RATIO, 0.9),
            new Pair("Callback delivery vs the raw JDK client, concurrency 16", "CallbackBenchmark.rawJdkClientPost16",
                    "CallbackBenchmark.sateDeliver16", Kind.THROUGHPUT_RATIO, 0.9));

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String only = args.length > 1 ? args[1] : ".*";
        List<String> rows = new ArrayList<>();
        for (Pair pair : PAIRS) {
            if (!(pair.baseline() + " " + pair.ours()).matches(".*(" + only + ").*")) {
                continue;
            }
            double[] values = new double[rounds];
            double[] baselines = new double[rounds];
            double[] ours = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                boolean baselineFirst = round % 2 == 0;
                double first = score(baselineFirst ? pair.baseline() : pair.ours());
                double second = score(baselineFirst ? pair.ours() : pair.baseline());
                baselines[round] = baselineFirst ? first : second;
                ours[round] = baselineFirst ? second : first;
                values[round] = switch (pair.kind()) {
                    case ADDED_NS -> ours[round] - baselines[round];
                    case TIME_RATIO -> baselines[round] / ours[round];
                    case THROUGHPUT_RATIO -> ours[round] / baselines[round];
                };
                System.out.printf(Locale.ROOT, "# %s, round %d: %.3f%n", pair.what(), round + 1, values[round]);
            }
            rows.add(row(pair, values, baselines, ours));
        }
        if (only.equals(".*")) {
            rows.add(latencyRow());
        }
        System.out.println();
        System.out.println("| measurement | baseline (median) | ours (median) | result: median of the rounds (spread) | goal |");
        System.out.println("|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    private static String row(Pair pair, double[] values, double[] baselines, double[] ours) {
        double median = percentile(values, 50);
        double spread = (percentile(values, 75) - percentile(values, 25)) / 2;
        boolean throughput = pair.kind() == Kind.THROUGHPUT_RATIO;
        String unit = throughput ? "/s" : " ns";
        String base = String.format(Locale.ROOT, throughput ? "%,.0f%s" : "%,.1f%s", percentile(baselines, 50), unit);
        String mine = String.format(Locale.ROOT, throughput ? "%,.0f%s" : "%,.1f%s", percentile(ours, 50), unit);
        if (pair.kind() == Kind.ADDED_NS) {
            boolean met = median <= pair.goal();
            return String.format(Locale.ROOT, "| %s | %s | %s | **+%.1f ns** (±%.1f ns; rounds %s) | at most +%.0f ns: %s |",
                    pair.what(), base, mine, median, spread, list(values, "%.1f"), pair.goal(), met ? "met" : "**not met**");
        }
        double relativeSpread = spread / median;
        boolean met = median >= pair.goal() && relativeSpread <= 0.10;
        return String.format(Locale.ROOT, "| %s | %s | %s | **%.2fx** (±%.0f %%; rounds %s) | at least %.1fx: %s |",
                pair.what(), base, mine, median, relativeSpread * 100, list(values, "%.2f"), pair.goal(),
                met ? "met" : median >= pair.goal() ? "**spread too wide**" : "**not met**");
    }

    /** One fork of one benchmark: 2 warm-up and 2 measured iterations of 1 s. */
    private static double score(String benchmark) throws RunnerException {
        RunResult result = new Runner(new OptionsBuilder()
                .include("com\\.eusate\\.login\\." + benchmark.replace(".", "\\.") + "$")
                .forks(1)
                .warmupIterations(2).warmupTime(TimeValue.seconds(1))
                .measurementIterations(2).measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("-Xms1g", "-Xmx1g")
                .verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT)
                .build()).runSingle();
        return result.getPrimaryResult().getScore();
    }

    private static String latencyRow() throws RunnerException {
        RunResult latency = new Runner(new OptionsBuilder()
                .include("com\\.eusate\\.login\\.CallbackBenchmark\\.sateDeliverLatency$")
                .forks(1)
                .warmupIterations(2).warmupTime(TimeValue.seconds(1))
                .measurementIterations(3).measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("-Xms1g", "-Xmx1g")
                .verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT)
                .build()).runSingle();
        double p50 = latency.getPrimaryResult().getStatistics().getPercentile(50);
        double p99 = latency.getPrimaryResult().getStatistics().getPercentile(99);
        return String.format(Locale.ROOT, "| Callback delivery latency, loopback | | p50 %.0f µs (p99 %.0f µs) | | p50 under"
                + " 1 ms: %s |", p50, p99, p50 < 1000 ? "met" : "**not met**");
    }

    /** The p-th percentile, interpolated between the two nearest values. */
    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double index = p / 100 * (sorted.length - 1);
        int low = (int) Math.floor(index);
        int high = (int) Math.ceil(index);
        return sorted[low] + (sorted[high] - sorted[low]) * (index - low);
    }

    private static String list(double[] values, String format) {
        StringBuilder out = new StringBuilder();
        for (double v : values) {
            out.append(out.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, format, v));
        }
        return out.toString();
    }
}
