package com.eusate.login;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time per operation, which the load of a shared machine moves far less than wall time: a
 * benchmark's operation costs the same CPU whether or not other processes wait for the cores.
 * <ul>
 * <li>{@code cpu.thread}: the CPU time of JMH's worker threads over the iteration (the same clock as
 * {@code ThreadMXBean.getCurrentThreadCpuTime()}), for operations that run on the calling thread;</li>
 * <li>{@code cpu.java}: the CPU time of every Java thread of the process, for operations that hand
 * work to other threads (the HTTP client's selector and executor, our timer): the process's CPU time
 * less the JIT compiler's and the garbage collector's threads, which run on their own schedule (after
 * a short warm-up the compiler still takes whole milliseconds at moments of its choosing, and at a few
 * hundred operations a second that drowns a difference of a few per cent). The cost of garbage shows
 * in the bytes allocated per operation instead. The fork must hold nothing else: the delivery's Sate
 * stand-in runs in a process of its own.</li>
 * <li>{@code cpu.process}: the whole JVM's CPU time ({@code /proc/self/stat} utime + stime, as
 * {@code OperatingSystemMXBean.getProcessCpuTime()} reads it), JIT and GC included, for
 * information.</li>
 * </ul>
 * Both are divided by all the operations of the iteration, those of the synchronisation phases
 * included, as {@code gc.alloc.rate.norm} is.
 */
public final class CpuProfiler implements InternalProfiler {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private Map<Long, Long> workersBefore = Map.of();
    private Map<Long, Long> javaBefore = Map.of();
    private long processBefore;

    @Override
    public String getDescription() {
        return "CPU time per operation: JMH worker threads' and the whole process's";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        workersBefore = threadCpu(true);
        javaBefore = threadCpu(false);
        processBefore = OS.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        long process = OS.getProcessCpuTime() - processBefore;
        long workers = since(workersBefore, threadCpu(true));
        long java = since(javaBefore, threadCpu(false));
        double ops = Math.max(1, result.getMetadata().getAllOps());
        return List.of(
                new ScalarResult("cpu.thread", workers / ops, "ns/op", AggregationPolicy.AVG),
                new ScalarResult("cpu.java", java / ops, "ns/op", AggregationPolicy.AVG),
                new ScalarResult("cpu.process", process / ops, "ns/op", AggregationPolicy.AVG));
    }

    private static long since(Map<Long, Long> before, Map<Long, Long> now) {
        long sum = 0;
        for (Map.Entry<Long, Long> t : now.entrySet()) {
            sum += t.getValue() - before.getOrDefault(t.getKey(), 0L); // a thread started since began at 0
        }
        return sum;
    }

    /** CPU time so far of each live Java thread (only JMH's workers if {@code workers}), by id. */
    private static Map<Long, Long> threadCpu(boolean workers) {
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (t != null && (!workers || t.getThreadName().contains("-jmh-worker-"))) {
                long ns = THREADS.getThreadCpuTime(t.getThreadId());
                if (ns >= 0) {
                    cpu.put(t.getThreadId(), ns);
                }
            }
        }
        return cpu;
    }
}
