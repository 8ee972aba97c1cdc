package com.eusate.login;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Measures each of our operations against its baseline and prints one table. CPU time per operation,
 * which the goals are judged on, comes from {@link CpuPairs}: the baseline and ours interleaved in
 * slices of 100 ms in one JVM (its own, with {@code -Xbatch}), so both meet the same load; each
 * round gives one ratio, and the table shows the median over the rounds and its spread (half the
 * interquartile range). A ratio goal is met when the median meets it and the spread is within ±10 %;
 * a ceiling (an added cost, an allocation ratio) when three rounds in four meet it.
 * Bytes allocated per operation come from JMH's {@code gc} profiler ({@code gc.alloc.rate.norm},
 * deterministic for an operation on one thread) and, for a delivery, whose allocation depends on how
 * often the HTTP client's threads wake, from the same interleaved slices as its CPU time; wall time
 * (information only: on a shared machine it swings by a factor of 2 to 4) from one JMH fork of each. Then the container rows: {@code ContainerHarness} (embedded Tomcat 11 under
 * {@code wrk}) in a process of its own.
 * Usage: {@code java -jar benchmarks/target/benchmarks.jar [rounds] [regex]}.
 */
public final class BenchmarkMain {

    /** How a pair is compared. */
    private enum Kind {
        /** ours − baseline per operation; goal: at most {@code cpuGoal} ns of CPU added. */
        ADDED,
        /** baseline CPU per operation ÷ ours (operations per CPU-second, ours relative to the baseline); goal: at least {@code cpuGoal}. */
        RATIO
    }

    /** Which CPU clock a pair is judged on. */
    private enum Cpu {
        /** the calling thread's: the operation runs on it alone */
        THREAD,
        /** all the process's Java threads: the operation hands work to other threads */
        PROCESS
    }

    /**
     * @param key       the pair's name for {@link CpuPairs}
     * @param allocGoal ours ÷ baseline bytes per operation at most this; 0 when no goal names allocation
     */
    private record Pair(String key, String what, String baseline, String ours, Kind kind, Cpu cpu, double cpuGoal,
                        double allocGoal) {
    }

    /** One JMH fork's figures, per operation. */
    private record Figures(double wallNs, double bytes) {
    }

    private static final List<Pair> PAIRS = List.of(
            new Pair("filter", "`SateLoginFilter` on a request with nothing to do, vs the bare chain after the same reads",
                    "FilterBenchmark.bareChainAfterTheFiltersReads", "FilterBenchmark.sateLoginFilterNothingToDo",
                    Kind.ADDED, Cpu.THREAD, 50, 0),
            new Pair("issue", "Token issuance vs raw java-jwt HS256", "IssueBenchmark.rawJavaJwtSign", "IssueBenchmark.sateIssue",
                    Kind.RATIO, Cpu.THREAD, 0.9, 0),
            new Pair("verify-repeated", "Verifying a token seen before vs one HMAC-SHA256", "VerifyBenchmark.hmacFloor",
                    "VerifyBenchmark.sateVerifyRepeated", Kind.RATIO, Cpu.THREAD, 1.0, 0),
            new Pair("verify-first-seen", "Verifying a token seen the first time vs raw java-jwt", "VerifyBenchmark.rawJavaJwtVerifyFirstSeen",
                    "VerifyBenchmark.sateVerifyFirstSeen", Kind.RATIO, Cpu.THREAD, 1.0, 0),
            new Pair("deliver-1", "Callback delivery vs the raw JDK client, concurrency 1", "CallbackBenchmark.rawJdkClientPost1",
                    "CallbackBenchmark.sateDeliver1", Kind.RATIO, Cpu.PROCESS, 0.9, 1.5),
            new Pair("deliver-16", "Callback delivery vs the raw JDK client, concurrency 16", "CallbackBenchmark.rawJdkClientPost16",
                    "CallbackBenchmark.sateDeliver16", Kind.RATIO, Cpu.PROCESS, 0.9, 1.5));

    private static String standInUrl;

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        // JMH's lock in /tmp would make two engineers' runs on one machine fail, not wait; our forks
        // run one at a time anyway
        System.setProperty("jmh.ignoreLock", "true");
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String only = args.length > 1 ? args[1] : ".*";
        Instant started = Instant.now();
        String loadBefore = loadAverage();
        List<String> rows = new ArrayList<>();
        Process standIn = null;
        try {
            for (Pair pair : PAIRS) {
                if (!(pair.what() + " " + pair.baseline() + " " + pair.ours()).matches(".*(" + only + ").*")) {
                    continue;
                }
                if (pair.cpu() == Cpu.PROCESS && standIn == null) {
                    standIn = SateStandIn.startProcess();
                    standInUrl = new BufferedReader(new InputStreamReader(standIn.getInputStream(),
                            StandardCharsets.UTF_8)).readLine();
                }
                rows.add(pairRow(pair, rounds));
            }
        } finally {
            if (standIn != null) {
                standIn.getOutputStream().close();
                standIn.destroy();
            }
        }
        if (only.equals(".*") || "latency".matches(".*(" + only + ").*")) {
            rows.add(latencyRow());
        }
        List<String> containerRows = new ArrayList<>();
        if (only.equals(".*") || "container".matches(".*(" + only + ").*")) {
            containerRows = ContainerRun.rows(rounds);
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%s, %s %s (%s), %s, %d cores; load average %s at the start, %s at the end; %d rounds%n%n",
                started.truncatedTo(ChronoUnit.SECONDS), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), System.getProperty("os.arch"), cpuModel(),
                Runtime.getRuntime().availableProcessors(), loadBefore, loadAverage(), rounds);
        System.out.println("| measurement | CPU per operation: baseline, ours | **CPU: baseline ÷ ours** (spread; rounds) | goal on CPU"
                + " | bytes allocated per operation: baseline, ours (ours ÷ baseline) | wall time: baseline ÷ ours (information) |");
        System.out.println("|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
        if (!containerRows.isEmpty()) {
            System.out.println();
            System.out.println("| in embedded Tomcat 11 under wrk | server's CPU per request: without, with the filter"
                    + " (information) | **CPU added by the filter**, request thread, interleaved (spread; rounds) | goal on CPU"
                    + " | requests/s: without, with (information) |");
            System.out.println("|---|---|---|---|---|");
            containerRows.forEach(System.out::println);
        }
    }

    private static String pairRow(Pair pair, int rounds) throws Exception {
        List<double[]> cpuRounds = CpuPairsRun.rounds(pair.key(), rounds, standInUrl);
        double[] cpu = new double[cpuRounds.size()];
        double[] baseCpus = new double[cpu.length];
        double[] ourCpus = new double[cpu.length];
        double[] baseBytes = new double[cpu.length];
        double[] ourBytes = new double[cpu.length];
        for (int i = 0; i < cpu.length; i++) {
            baseCpus[i] = cpuRounds.get(i)[0];
            ourCpus[i] = cpuRounds.get(i)[1];
            baseBytes[i] = cpuRounds.get(i)[2];
            ourBytes[i] = cpuRounds.get(i)[3];
            cpu[i] = pair.kind() == Kind.ADDED ? ourCpus[i] - baseCpus[i] : baseCpus[i] / ourCpus[i];
        }
        Figures base = measure(pair.baseline());
        Figures ours = measure(pair.ours());
        System.out.printf(Locale.ROOT, "# %s: CPU rounds %s; interleaved allocation %s / %s B; JMH: allocation %.0f / %.0f B,"
                        + " wall %.0f / %.0f ns%n", pair.what(), list(cpu, "%.3f"), list(baseBytes, "%.0f"),
                list(ourBytes, "%.0f"), base.bytes(), ours.bytes(), base.wallNs(), ours.wallNs());
        double[] allocRatios = new double[cpu.length];
        for (int i = 0; i < cpu.length; i++) {
            // a slice in which a thread ended loses that thread's bytes: a figure that is not positive
            // is no measurement, and must not pass for a good ratio
            allocRatios[i] = baseBytes[i] > 0 && ourBytes[i] > 0 ? ourBytes[i] / baseBytes[i] : Double.NaN;
        }
        double allocRatio;
        double allocSpread;
        if (pair.cpu() == Cpu.PROCESS) {
            // a delivery's allocation depends on how often the client's threads wake: the interleaved
            // slices, where both meet the same load, settle it; one JMH fork does not (see CpuPairs)
            base = new Figures(base.wallNs(), percentile(baseBytes, 50));
            ours = new Figures(ours.wallNs(), percentile(ourBytes, 50));
            allocRatio = percentile(allocRatios, 50); // paired rounds: the median of their ratios
            allocSpread = (percentile(allocRatios, 75) - percentile(allocRatios, 25)) / 2 / allocRatio;
        } else {
            allocRatio = ours.bytes() / base.bytes(); // JMH's, deterministic for one thread
            allocSpread = 0;
        }
        double median = percentile(cpu, 50);
        double spread = (percentile(cpu, 75) - percentile(cpu, 25)) / 2;
        double baseCpu = percentile(baseCpus, 50);
        double ourCpu = percentile(ourCpus, 50);
        String cpuCell;
        String goal;
        String allocCell;
        String wallCell;
        if (pair.kind() == Kind.ADDED) {
            cpuCell = String.format(Locale.ROOT, "**%+.1f ns** (±%.1f ns; %s)", median, spread, list(cpu, "%.1f"));
            goal = String.format(Locale.ROOT, "at most +%.0f ns: %s", pair.cpuGoal(), ceiling(cpu, pair.cpuGoal()));
            allocCell = String.format(Locale.ROOT, "%.0f B, %.0f B (%+.0f B)", base.bytes(), ours.bytes(), ours.bytes() - base.bytes());
            wallCell = String.format(Locale.ROOT, "%+.1f ns", ours.wallNs() - base.wallNs());
        } else {
            double relative = spread / median;
            boolean cpuMet = median >= pair.cpuGoal() && relative <= 0.10;
            String verdict = cpuMet ? "met" : median >= pair.cpuGoal() ? "**spread too wide**" : "**not met**";
            if (pair.allocGoal() > 0) {
                verdict += String.format(Locale.ROOT, "; allocation at most %.1fx: %s", pair.allocGoal(),
                        pair.cpu() == Cpu.PROCESS ? ceiling(allocRatios, pair.allocGoal())
                                : allocRatio <= pair.allocGoal() ? "met" : "**not met**");
            }
            cpuCell = String.format(Locale.ROOT, "**%.2fx** (±%.0f %%; %s)", median, relative * 100, list(cpu, "%.2f"));
            goal = String.format(Locale.ROOT, "at least %.1fx: %s", pair.cpuGoal(), verdict);
            allocCell = String.format(Locale.ROOT, "%,.0f B, %,.0f B (%.2fx%s)", base.bytes(), ours.bytes(), allocRatio,
                    pair.cpu() == Cpu.PROCESS ? String.format(Locale.ROOT, ", ±%.0f %%", allocSpread * 100) : "");
            wallCell = String.format(Locale.ROOT, "%.2fx", base.wallNs() / ours.wallNs());
        }
        return String.format(Locale.ROOT, "| %s (%s) | %s, %s | %s | %s | %s | %s |", pair.what(),
                pair.cpu() == Cpu.THREAD ? "thread CPU" : "CPU of all Java threads", ns(baseCpu), ns(ourCpu), cpuCell, goal,
                allocCell, wallCell);
    }

    /**
     * A ceiling (an added cost, an allocation ratio) is met when three rounds in four meet it: the
     * upper quartile, not the median alone. A round that measured nothing (NaN) meets nothing.
     */
    private static String ceiling(double[] rounds, double ceiling) {
        return !(percentile(rounds, 50) <= ceiling) ? "**not met**"
                : percentile(rounds, 75) <= ceiling ? "met" : "**spread too wide**";
    }

    private static String ns(double ns) {
        return ns >= 10_000 ? String.format(Locale.ROOT, "%,.1f µs", ns / 1000) : String.format(Locale.ROOT, "%,.0f ns", ns);
    }

    /**
     * One JMH fork of one benchmark, for its allocation and wall time: 5 warm-up and 2 measured
     * iterations of 1 s. {@code -Xbatch}: the JIT compiles while the code waits, so the code measured is
     * compiled as far after the same number of operations however busy the machine (on a busy machine
     * a background compiler got so little CPU that 2 s of warm-up ended in interpreted code, which
     * allocates what escape analysis would have removed, at several times the CPU per operation).
     */
    private static Figures measure(String benchmark) throws RunnerException {
        List<String> jvm = new ArrayList<>(List.of("-Xms1g", "-Xmx1g", "-Xbatch"));
        if (standInUrl != null) {
            jvm.add("-D" + SateStandIn.URL_PROPERTY + "=" + standInUrl);
        }
        RunResult result = new Runner(new OptionsBuilder()
                .include("com\\.eusate\\.login\\." + benchmark.replace(".", "\\.") + "$")
                .forks(1)
                .warmupIterations(5).warmupTime(TimeValue.seconds(1))
                .measurementIterations(2).measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend(jvm.toArray(String[]::new))
                .addProfiler(GCProfiler.class)
                .verbosity(VerboseMode.SILENT)
                .build()).runSingle();
        Result<?> primary = result.getPrimaryResult();
        double score = primary.getScore();
        double wallNs = primary.getScoreUnit().equals("ops/s") ? 1e9 / score : score; // per operation
        return new Figures(wallNs, result.getSecondaryResults().get("gc.alloc.rate.norm").getScore());
    }

    private static String latencyRow() throws RunnerException {
        RunResult latency = new Runner(new OptionsBuilder()
                .include("com\\.eusate\\.login\\.CallbackBenchmark\\.sateDeliverLatency$")
                .forks(1)
                .warmupIterations(2).warmupTime(TimeValue.seconds(1))
                .measurementIterations(3).measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("-Xms1g", "-Xmx1g")
                .verbosity(VerboseMode.SILENT)
                .build()).runSingle();
        double p50 = latency.getPrimaryResult().getStatistics().getPercentile(50);
        double p99 = latency.getPrimaryResult().getStatistics().getPercentile(99);
        return String.format(Locale.ROOT, "| Callback delivery latency, loopback (wall time, stand-in in the same JVM) | | p50 %.0f µs (p99 %.0f µs) | p50"
                + " under 1 ms: %s | | |", p50, p99, p50 < 1000 ? "met" : "**not met**");
    }

    private static String loadAverage() {
        return String.format(Locale.ROOT, "%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
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

    static String list(double[] values, String format) {
        StringBuilder out = new StringBuilder();
        for (double v : values) {
            out.append(out.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, format, v));
        }
        return out.toString();
    }
}
