package com.eusate.login;

import com.auth0.jwt.algorithms.Algorithm;
import com.eusate.login.internal.Hmac;
import com.eusate.login.internal.signin.JwtIssuer;
import com.eusate.login.internal.signin.LoginSettings;
import com.eusate.login.signin.SateLoginConfig;
import com.eusate.login.verify.SateTokenConfig;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ValveBase;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * What the filters cost a real container: embedded Tomcat 11 in this process, a plain page and an
 * API that checks nothing, each served bare ({@code /bare/...}) and behind its filter
 * ({@code /app/page} behind {@code SateLoginFilter}, no pending attempt; {@code /fn/api} behind
 * {@code SateTokenFilter}, with a token it has already seen), under {@code wrk} on loopback.
 * <p>
 * Each round runs, for each of the two, {@code wrk} on the bare path and on the filtered one (in
 * alternating order) and reads this process's CPU time from {@code /proc/self/stat} before and after:
 * requests per second and the server's CPU per request. The added CPU a goal is judged on comes from
 * a third run per round that alternates the two paths request by request, so both meet the same load
 * of the machine: a valve first in the pipeline reads the request thread's CPU clock before and after
 * each request, by path ({@code /proc/self/stat} counts in ticks of 10 ms, and a busy machine moves the
 * CPU per request of runs a few seconds apart by more than the filters cost). Usage:
 * {@code java -Xbatch -jar container-benchmarks/target/container-benchmarks.jar [rounds] [seconds per run]};
 * prints the table's rows.
 */
public final class ContainerHarness {

    static final String SECRET = "container-benchmark-secret-0123456789abcdef";
    private static final String PAGE = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Products</title>"
            + "</head><body><h1>Our products</h1>" + "<p>A plain page of the app, about one kilobyte long.</p>".repeat(16)
            + "</body></html>";
    private static final byte[] PAGE_BYTES = PAGE.getBytes(StandardCharsets.UTF_8);
    private static final byte[] API_BYTES = "{\"orders\":[{\"id\":42,\"status\":\"shipped\"}]}".getBytes(StandardCharsets.UTF_8);

    /** In-thread CPU time of the requests served, by path. */
    static final Map<String, long[]> CPU_BY_PATH = new ConcurrentHashMap<>();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ContainerHarness() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Logger.getLogger("org.apache").setLevel(Level.WARNING);
        Path base = Files.createTempDirectory("sate-tomcat");
        String token = new JwtIssuer(Algorithm.HMAC256(SECRET.getBytes(StandardCharsets.UTF_8)),
                Hmac.keyIdOf(SECRET.getBytes(StandardCharsets.UTF_8)), LoginSettings.ISSUER.defaultValue(),
                LoginSettings.AUDIENCE.defaultValue(), Duration.ofHours(1), subject -> Map.of(), Clock.systemUTC())
                .issue("alice").token();
        Tomcat tomcat = start(base);
        int port = tomcat.getConnector().getLocalPort();
        String url = "http://127.0.0.1:" + port;
        String auth = "Authorization: Bearer " + token;
        Path mix = Files.createTempFile(base, "mix", ".lua");
        try {
            // warm-up: the JIT (run with -Xbatch, it has compiled the same code after the same requests
            // however busy the machine), Tomcat's pools, the token seen once
            for (String path : List.of("/bare/page", "/app/page", "/bare/api", "/fn/api")) {
                wrk(url + path, auth, 4, null);
            }
            List<String> rows = new ArrayList<>();
            rows.add(pair("`SateLoginFilter` on a page, no pending attempt (goal on CPU: at most +1 % per request)",
                    url, "/bare/page", "/app/page", auth, mix, rounds, seconds, true));
            rows.add(pair("`SateTokenFilter` on an API, a token it has seen (goal on CPU: at most +3 µs per request)",
                    url, "/bare/api", "/fn/api", auth, mix, rounds, seconds, false));
            rows.forEach(System.out::println);
        } finally {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    private static String pair(String what, String url, String bare, String filtered, String auth, Path mix, int rounds,
                               int seconds, boolean relativeGoal) throws Exception {
        double[] cpuBare = new double[rounds];
        double[] cpuFiltered = new double[rounds];
        double[] rpsBare = new double[rounds];
        double[] rpsFiltered = new double[rounds];
        double[] added = new double[rounds];
        Files.writeString(mix, "local i = 0\nrequest = function()\n  i = i + 1\n  if i % 2 == 0 then\n"
                + "    return wrk.format(\"GET\", \"" + filtered + "\")\n  end\n  return wrk.format(\"GET\", \"" + bare
                + "\")\nend\n");
        for (int round = 0; round < rounds; round++) {
            boolean bareFirst = round % 2 == 0;
            Run first = run(url + (bareFirst ? bare : filtered), auth, seconds, null);
            Run second = run(url + (bareFirst ? filtered : bare), auth, seconds, null);
            Run b = bareFirst ? first : second;
            Run f = bareFirst ? second : first;
            cpuBare[round] = b.cpuNsPerRequest();
            cpuFiltered[round] = f.cpuNsPerRequest();
            rpsBare[round] = b.perSecond();
            rpsFiltered[round] = f.perSecond();
            CPU_BY_PATH.clear();
            run(url, auth, seconds, mix);
            long[] inBare = CPU_BY_PATH.getOrDefault(bare, new long[2]);
            long[] inFiltered = CPU_BY_PATH.getOrDefault(filtered, new long[2]);
            added[round] = (double) inFiltered[0] / Math.max(1, inFiltered[1]) - (double) inBare[0] / Math.max(1, inBare[1]);
            System.err.printf(Locale.ROOT, "# %s, round %d: process CPU %.1f / %.1f µs per request, %.0f / %.0f requests/s;"
                            + " interleaved, in the request's thread: %.1f / %.1f µs (%d / %d requests), added %.0f ns%n",
                    bare + " vs " + filtered, round + 1, cpuBare[round] / 1000, cpuFiltered[round] / 1000, rpsBare[round],
                    rpsFiltered[round], inBare[0] / 1000.0 / Math.max(1, inBare[1]),
                    inFiltered[0] / 1000.0 / Math.max(1, inFiltered[1]), inBare[1], inFiltered[1], added[round]);
        }
        double medianAdded = median(added);
        double spreadAdded = (percentile(added, 75) - percentile(added, 25)) / 2;
        double bareCpu = median(cpuBare);
        double[] procAdded = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            procAdded[i] = (cpuFiltered[i] - cpuBare[i]) / cpuBare[i] * 100;
        }
        String goal;
        String result;
        if (relativeGoal) {
            double percent = medianAdded / bareCpu * 100;
            result = String.format(Locale.ROOT, "**%+.0f ns = %+.2f %%** of the bare page's %.1f µs (±%.0f ns; %s)",
                    medianAdded, percent, bareCpu / 1000, spreadAdded, list(added, "%.0f"));
            goal = "at most +1 %: " + (percent <= 1 ? "met" : "**not met**");
        } else {
            result = String.format(Locale.ROOT, "**%+.2f µs** (±%.2f µs; %s)", medianAdded / 1000, spreadAdded / 1000,
                    list(added, "%.0f"));
            goal = "at most +3 µs: " + (medianAdded <= 3000 ? "met" : "**not met**");
        }
        return String.format(Locale.ROOT, "| %s | %.1f µs, %.1f µs (paired rounds: %+.1f %%, ±%.1f %%) | %s | %s | %,.0f, %,.0f |",
                what, bareCpu / 1000, median(cpuFiltered) / 1000, median(procAdded),
                (percentile(procAdded, 75) - percentile(procAdded, 25)) / 2, result, goal, median(rpsBare),
                median(rpsFiltered));
    }

    /** One wrk run: its requests, their rate, and this process's CPU time over the run. */
    private record Run(long requests, double perSecond, long cpuNs) {
        double cpuNsPerRequest() {
            return (double) cpuNs / requests;
        }
    }

    private static Run run(String url, String auth, int seconds, Path script) throws Exception {
        long before = processCpuNs();
        Run run = wrk(url, auth, seconds, script);
        return new Run(run.requests(), run.perSecond(), processCpuNs() - before);
    }

    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

    /** wrk, one thread and 4 connections, for {@code seconds}; fails on any non-2xx answer. */
    private static Run wrk(String url, String auth, int seconds, Path script) throws Exception {
        List<String> command = new ArrayList<>(List.of("wrk", "-t1", "-c4", "-d" + seconds + "s", "-H", auth));
        if (script != null) {
            command.addAll(List.of("-s", script.toString()));
        }
        command.add(url + (script != null ? "/" : ""));
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0 || out.contains("Non-2xx") || out.contains("Socket errors")) {
            throw new IllegalStateException("wrk on " + url + " failed:\n" + out);
        }
        Matcher n = REQUESTS.matcher(out);
        Matcher r = RATE.matcher(out);
        if (!n.find() || !r.find()) {
            throw new IllegalStateException("unreadable wrk output:\n" + out);
        }
        return new Run(Long.parseLong(n.group(1)), Double.parseDouble(r.group(1)), 0);
    }

    /** This process's CPU time, user + system, from /proc/self/stat (clock ticks of 10 ms). */
    static long processCpuNs() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime: fields 14 and 15
        return ticks * 10_000_000L; // USER_HZ is 100 on Linux
    }

    private static Tomcat start(Path base) throws LifecycleException {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context ctx = tomcat.addContext("", base.toString());
        Tomcat.addServlet(ctx, "page", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
                res.setContentType("text/html;charset=UTF-8");
                res.setContentLength(PAGE_BYTES.length);
                res.getOutputStream().write(PAGE_BYTES);
            }
        });
        Tomcat.addServlet(ctx, "api", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
                res.setContentType("application/json");
                res.setContentLength(API_BYTES.length);
                res.getOutputStream().write(API_BYTES);
            }
        });
        ctx.addServletMappingDecoded("/bare/page", "page");
        ctx.addServletMappingDecoded("/app/page", "page");
        ctx.addServletMappingDecoded("/bare/api", "api");
        ctx.addServletMappingDecoded("/fn/api", "api");
        filter(ctx, "sateLogin", new SateLoginFilter(SateLoginConfig.builder().apiKey("sk_bench_0123456789")
                .signingSecret(SECRET).build()), "/app/*");
        filter(ctx, "sateToken", new SateTokenFilter(SateTokenConfig.builder().signingSecret(SECRET).build()), "/fn/*");
        ctx.getPipeline().addValve(new CpuByPath());
        tomcat.start();
        return tomcat;
    }

    private static void filter(Context ctx, String name, Filter filter, String pattern) {
        FilterDef def = new FilterDef();
        def.setFilterName(name);
        def.setFilter(filter);
        ctx.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName(name);
        map.addURLPattern(pattern);
        ctx.addFilterMap(map);
    }

    /** First in the context's pipeline: the request thread's CPU time for the rest of it, by path. */
    private static final class CpuByPath extends ValveBase {
        CpuByPath() {
            super(true);
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            long start = THREADS.getCurrentThreadCpuTime();
            try {
                getNext().invoke(request, response);
            } finally {
                long used = THREADS.getCurrentThreadCpuTime() - start;
                long[] sum = CPU_BY_PATH.computeIfAbsent(request.getRequestURI(), p -> new long[2]);
                synchronized (sum) {
                    sum[0] += used;
                    sum[1]++;
                }
            }
        }
    }

    static double median(double[] values) {
        return percentile(values, 50);
    }

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
