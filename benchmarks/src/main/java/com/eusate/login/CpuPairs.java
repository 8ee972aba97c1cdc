package com.eusate.login;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.infra.Blackhole;

/**
 * CPU time and bytes allocated per operation of a pair, the baseline and ours interleaved in one JVM: slices of
 * {@link #SLICE_MS} of one and then of the other, alternating, so that both meet the same load of the
 * machine. That matters here: this machine is a virtual one on a shared host, and the time the host
 * takes from it shows up inside it as CPU time of whatever thread was running; CPU time per operation
 * measured in runs seconds apart moved by a factor of 2 to 6, but both halves of a slice pair move
 * together. A round is {@link #PAIRS_PER_ROUND} slice pairs (three times as many for the
 * deliveries, a thousand times slower per operation); its ratio is the baseline's CPU per
 * operation over ours (or ours minus the baseline's, for the filter). Single-threaded operations are
 * charged the calling thread's CPU time ({@code getCurrentThreadCpuTime()}) and allocation; the
 * deliveries, which hand work to the HTTP client's threads, the CPU time of every Java thread of the
 * process but the one that measures, and the bytes every Java thread allocated. (A delivery's
 * allocation is not deterministic: the client's threads allocate per wake-up, and how often they wake
 * depends on the machine's load; JMH forks of the same delivery gave 19.9 KB to 25.9 KB. Interleaved,
 * baseline and ours meet the same load.) Run with {@code -Xbatch} (see {@link BenchmarkMain}).
 * Usage: {@code java -Xbatch -cp benchmarks.jar com.eusate.login.CpuPairs <pair> <rounds>}; prints one
 * line per round: {@code ROUND baselineNsPerOp oursNsPerOp baselineBytesPerOp oursBytesPerOp}.
 */
public final class CpuPairs {

    static final int SLICE_MS = 100;
    static final int PAIRS_PER_ROUND = 10;
    static final int WARMUP_PAIRS = 20;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** One operation. */
    interface Op {
        Object run() throws Exception;
    }

    private CpuPairs() {
    }

    public static void main(String[] args) throws Exception {
        String pair = args[0];
        int rounds = Integer.parseInt(args[1]);
        Blackhole bh = new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        Op baseline;
        Op ours;
        int threads = 1;
        AutoCloseable cleanup = () -> { };
        switch (pair) {
            case "filter" -> {
                FilterBenchmark b = new FilterBenchmark();
                b.setup(bh);
                baseline = () -> {
                    b.bareChainAfterTheFiltersReads(bh);
                    return null;
                };
                ours = () -> {
                    b.sateLoginFilterNothingToDo();
                    return null;
                };
            }
            case "issue" -> {
                IssueBenchmark b = new IssueBenchmark();
                b.setup();
                baseline = b::rawJavaJwtSign;
                ours = b::sateIssue;
            }
            case "verify-repeated" -> {
                VerifyBenchmark b = new VerifyBenchmark();
                b.setup();
                baseline = b::hmacFloor;
                ours = b::sateVerifyRepeated;
            }
            case "verify-first-seen" -> {
                VerifyBenchmark b = new VerifyBenchmark();
                b.setup();
                baseline = b::rawJavaJwtVerifyFirstSeen;
                ours = b::sateVerifyFirstSeen;
            }
            case "deliver-1", "deliver-16" -> {
                CallbackBenchmark b = new CallbackBenchmark();
                b.setup();
                baseline = b::rawJdkClientPost1;
                ours = b::sateDeliver1;
                threads = pair.equals("deliver-1") ? 1 : 16;
                cleanup = b::tearDown;
            }
            default -> throw new IllegalArgumentException("unknown pair: " + pair);
        }
        Slicer slicer = threads == 1 && !pair.startsWith("deliver") ? new Slicer(1, false, bh) : new Slicer(threads, true, bh);
        try {
            for (int i = 0; i < WARMUP_PAIRS; i++) {
                slicer.slice(baseline);
                slicer.slice(ours);
            }
            for (int round = 0; round < rounds; round++) {
                long[] base = new long[3];
                long[] mine = new long[3];
                for (int i = 0; i < PAIRS_PER_ROUND * (pair.startsWith("deliver") ? 3 : 1); i++) {
                    boolean baselineFirst = i % 2 == 0;
                    long[] first = slicer.slice(baselineFirst ? baseline : ours);
                    long[] second = slicer.slice(baselineFirst ? ours : baseline);
                    add(baselineFirst ? base : mine, first);
                    add(baselineFirst ? mine : base, second);
                }
                System.out.printf(Locale.ROOT, "ROUND %.1f %.1f %.1f %.1f%n", (double) base[0] / base[1],
                        (double) mine[0] / mine[1], (double) base[2] / base[1], (double) mine[2] / mine[1]);
                if (Boolean.getBoolean("cpu.pairs.threads")) {
                    System.out.println("THREADS " + Slicer.byGroup() + " ops " + base[1] + " / " + mine[1]);
                }
            }
        } finally {
            slicer.close();
            cleanup.close();
        }
    }

    private static void add(long[] sum, long[] slice) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += slice[i];
        }
    }

    /** Runs an operation for one slice, on this thread or on {@code threads} workers; returns {cpu ns, ops, bytes}. */
    private static final class Slicer implements AutoCloseable {
        private final boolean allThreads;
        private final Blackhole bh;
        private final List<Thread> workers = new ArrayList<>();
        private final CyclicBarrier start;
        private final CyclicBarrier end;
        private final LongAdder ops = new LongAdder();
        private volatile Op op;
        private volatile boolean stop;
        private volatile boolean closed;

        Slicer(int threads, boolean allThreads, Blackhole bh) {
            this.allThreads = allThreads;
            this.bh = bh;
            this.start = new CyclicBarrier(threads + 1);
            this.end = new CyclicBarrier(threads + 1);
            if (allThreads) {
                for (int i = 0; i < threads; i++) {
                    Thread t = new Thread(this::work, "cpu-pairs-worker-" + i);
                    t.setDaemon(true);
                    t.start();
                    workers.add(t);
                }
            }
        }

        long[] slice(Op current) throws Exception {
            if (!allThreads) {
                long ends = System.nanoTime() + SLICE_MS * 1_000_000L;
                long n = 0;
                long cpu = THREADS.getCurrentThreadCpuTime();
                long bytes = THREADS.getCurrentThreadAllocatedBytes();
                do {
                    for (int i = 0; i < 64; i++) {
                        bh.consume(current.run());
                    }
                    n += 64;
                } while (System.nanoTime() < ends);
                return new long[] {THREADS.getCurrentThreadCpuTime() - cpu, n,
                        THREADS.getCurrentThreadAllocatedBytes() - bytes};
            }
            op = current;
            stop = false;
            ops.reset();
            long cpu = othersCpu();
            long bytes = allAllocated();
            start.await();
            Thread.sleep(SLICE_MS);
            stop = true;
            end.await();
            return new long[] {othersCpu() - cpu, ops.sum(), allAllocated() - bytes};
        }

        private void work() {
            try {
                while (true) {
                    start.await();
                    if (closed) {
                        return;
                    }
                    Op current = op;
                    long n = 0;
                    while (!stop) {
                        bh.consume(current.run());
                        n++;
                    }
                    ops.add(n);
                    end.await();
                }
            } catch (Exception e) {
                e.printStackTrace();
                System.exit(1); // the others would wait at the barrier for ever
            }
        }

        /** CPU time so far of every live Java thread but this one (threads that ended are not counted). */
        private static long othersCpu() {
            long self = Thread.currentThread().getId();
            long sum = 0;
            for (long id : THREADS.getAllThreadIds()) {
                if (id != self) {
                    long ns = THREADS.getThreadCpuTime(id);
                    sum += Math.max(ns, 0);
                }
            }
            return sum;
        }

        /** Bytes allocated so far by every live Java thread (threads that ended are not counted). */
        private static long allAllocated() {
            long sum = 0;
            for (long bytes : THREADS.getThreadAllocatedBytes(THREADS.getAllThreadIds())) {
                sum += Math.max(bytes, 0);
            }
            return sum;
        }

        /** With -Dcpu.pairs.threads=true: CPU time so far by thread name, digits dropped (to see where a delivery spends). */
        static java.util.Map<String, Long> byGroup() {
            java.util.Map<String, Long> groups = new java.util.TreeMap<>();
            for (java.lang.management.ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
                if (t != null) {
                    groups.merge(t.getThreadName().replaceAll("[0-9]+", "N"), Math.max(0, THREADS.getThreadCpuTime(t.getThreadId())), Long::sum);
                }
            }
            return groups;
        }

        @Override
        public void close() throws Exception {
            if (allThreads) {
                closed = true;
                start.await();
            }
        }
    }
}
