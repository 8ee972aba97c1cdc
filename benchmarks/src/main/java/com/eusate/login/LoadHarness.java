package com.eusate.login;

import com.eusate.login.signin.SateLoginConfig;
import com.eusate.login.signin.SateLoginEvent;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

/**
 * Load and fault harness: N customers log in through a real Jetty 12 with SateLoginFilter (capture,
 * the app's own login, consent, allow) while a Sate stand-in answers with a mix of 500s, 503 and 429
 * with Retry-After, connection resets and slow answers. Then a burst of anonymous requests with
 * hostile or unique states. Prints what was delivered, reported, lost and duplicated, the latency
 * of the customer's "Allow" request, and the heap.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar com.eusate.login.LoadHarness [logins] [burst]}
 */
public final class LoadHarness {

    static final String API_KEY = "sk_load_0123456789";
    static final String SECRET = "load-harness-signing-secret-0123456789ab";
    static final int CONCURRENCY = 16;

    private LoadHarness() {
    }

    public static void main(String[] args) throws Exception {
        int logins = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int burst = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        try (FaultySate sate = new FaultySate(new Random(42))) {
            ConcurrentHashMap<SateLoginEvent.Type, AtomicInteger> events = new ConcurrentHashMap<>();
            SateLoginFilter filter = new SateLoginFilter(SateLoginConfig.builder()
                    .apiKey(API_KEY).signingSecret(SECRET).apiBaseUrl(sate.baseUrl()).allowInsecureLocalhost(true)
                    .subject("session:user").callbackTimeout(Duration.ofSeconds(3))
                    .deliveryDeadline(Duration.ofSeconds(60))
                    .listener(e -> events.computeIfAbsent(e.type(), t -> new AtomicInteger()).incrementAndGet())
                    .build());
            Server app = app(filter);
            URI base = SateStandIn.baseUrl(app);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
            System.out.printf(Locale.ROOT, "Sate stand-in faults per callback: %s%n", FaultySate.MIX);
            long heapBefore = usedHeapAfterGc();

            // warm up the JIT and connection pools so that the figures describe steady state
            runLogins(http, base, 100);
            awaitBackground(filter);
            sate.reset();
            events.clear();
            long heapStart = usedHeapAfterGc();
            long start = System.nanoTime();
            List<Long> allowNanos = runLogins(http, base, logins);
            awaitBackground(filter);
            double seconds = (System.nanoTime() - start) / 1e9;
            int delivered = count(events, SateLoginEvent.Type.DELIVERED);
            int failed = count(events, SateLoginEvent.Type.FAILED);
            long heapAfterLogins = usedHeapAfterGc();

            Collections.sort(allowNanos);
            System.out.printf(Locale.ROOT, "%nLogins attempted:             %d (%d concurrent customers, %.1f s)%n",
                    logins, CONCURRENCY, seconds);
            System.out.printf(Locale.ROOT, "Delivered:                    %d (of which after background retries: %d)%n",
                    delivered, count(events, SateLoginEvent.Type.DEFERRED));
            System.out.printf(Locale.ROOT, "Failed and reported:          %d%n", failed);
            System.out.printf(Locale.ROOT, "Lost (neither):               %d%n", logins - delivered - failed);
            System.out.printf(Locale.ROOT, "Sate accepted:                %d distinct states%n", sate.accepted.size());
            System.out.printf(Locale.ROOT, "Duplicates accepted by Sate:  %d%n", sate.duplicates.get());
            System.out.printf(Locale.ROOT, "Callback requests / faults:   %d / %s%n", sate.requests.get(), sate.faults);
            System.out.printf(Locale.ROOT, "Allow request latency:        p50 %.1f ms, p99 %.1f ms (includes the synchronous delivery)%n",
                    percentile(allowNanos, 50), percentile(allowNanos, 99));
            System.out.printf(Locale.ROOT, "Heap (after GC):              %.1f MB at start, %.1f MB before, %.1f MB after the logins%n",
                    heapBefore / 1e6, heapStart / 1e6, heapAfterLogins / 1e6);

            long heapBeforeBurst = usedHeapAfterGc();
            long burstStart = System.nanoTime();
            int served = runBurst(http, base, burst);
            double burstSeconds = (System.nanoTime() - burstStart) / 1e9;
            long heapAfterBurst = usedHeapAfterGc();
            System.out.printf(Locale.ROOT, "%nBurst of hostile/unique states: %d requests (%d answered 200) in %.1f s%n",
                    burst, served, burstSeconds);
            System.out.printf(Locale.ROOT, "Heap (after GC):              %.1f MB before, %.1f MB after (%+.1f MB)%n",
                    heapBeforeBurst / 1e6, heapAfterBurst / 1e6, (heapAfterBurst - heapBeforeBurst) / 1e6);
            app.stop();
        }
    }

    /** Waits (at most 90 s) until no delivery is retrying in the background. */
    private static void awaitBackground(SateLoginFilter filter) throws InterruptedException {
        long start = System.nanoTime();
        while (filter.stats().inBackground() > 0 && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(90)) {
            Thread.sleep(100);
        }
    }

    private static int count(Map<SateLoginEvent.Type, AtomicInteger> events, SateLoginEvent.Type type) {
        AtomicInteger n = events.get(type);
        return n == null ? 0 : n.get();
    }

    private static double percentile(List<Long> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100)) / 1e6;
    }

    static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static List<Long> runLogins(HttpClient http, URI base, int logins) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        List<Future<Long>> results = new ArrayList<>();
        for (int i = 0; i < logins; i++) {
            String user = i % 2 == 0 ? "alice" : "bob";
            results.add(pool.submit(() -> new Customer(http, base).login(user)));
        }
        List<Long> nanos = new ArrayList<>();
        for (Future<Long> f : results) {
            nanos.add(f.get());
        }
        pool.shutdown();
        return nanos;
    }

    /** Anonymous requests to the login page, each with a unique or hostile state and no cookies. */
    private static int runBurst(HttpClient http, URI base, int requests) throws Exception {
        String[] hostile = {"%3Cscript%3Ealert(1)%3C%2Fscript%3E", "a%0D%0ASet-Cookie:%20x=y", "x".repeat(600),
                "%E2%80%AEevil", "a&state=b", "%ZZ".replace("%ZZ", "%25ZZ")};
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        AtomicInteger ok = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        int perThread = requests / CONCURRENCY;
        for (int t = 0; t < CONCURRENCY; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    String state = i % 10 == 0 ? hostile[i / 10 % hostile.length] : "st_" + thread + "_" + i + "_" + UUID.randomUUID();
                    HttpRequest request = HttpRequest.newBuilder(base.resolve("/login?state=" + state)).build();
                    try {
                        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                            ok.incrementAndGet();
                        }
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        return ok.get();
    }

    /** One customer's browser: keeps cookies, follows the flow by hand. */
    private static final class Customer {
        private static final Pattern FIELD = Pattern.compile("name=\"(attempt|csrf)\" value=\"([^\"]*)\"");
        private final HttpClient http;
        private final URI base;
        private final Map<String, String> cookies = new LinkedHashMap<>();

        Customer(HttpClient http, URI base) {
            this.http = http;
            this.base = base;
        }

        /** Runs the whole login; returns how long the "Allow" request took. */
        long login(String user) throws Exception {
            send(get("/login?state=st_" + UUID.randomUUID()));
            HttpResponse<String> afterLogin = send(post("/login", "username=" + user + "&password=secret"));
            HttpResponse<String> consent = send(get(afterLogin.headers().firstValue("Location").orElseThrow()));
            Matcher m = FIELD.matcher(consent.body());
            Map<String, String> form = new LinkedHashMap<>();
            while (m.find()) {
                form.put(m.group(1), m.group(2));
            }
            String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                    StandardCharsets.UTF_8)).collect(Collectors.joining("&")) + "&decision=allow";
            long start = System.nanoTime();
            HttpResponse<String> done = send(post("/sate-login/consent", body));
            long nanos = System.nanoTime() - start;
            if (done.statusCode() != 303) { // Post/Redirect/Get: the decision redirects to its outcome page
                throw new IllegalStateException("consent answered " + done.statusCode());
            }
            return nanos;
        }

        private HttpRequest.Builder get(String path) {
            return HttpRequest.newBuilder(base.resolve(path)).header("Accept", "text/html").GET();
        }

        private HttpRequest.Builder post(String path, String form) {
            return HttpRequest.newBuilder(base.resolve(path)).header("Accept", "text/html")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form));
        }

        private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
            if (!cookies.isEmpty()) {
                request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("; ")));
            }
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (String set : response.headers().allValues("Set-Cookie")) {
                String pair = set.split(";", 2)[0];
                int eq = pair.indexOf('=');
                if (set.contains("Max-Age=0") || eq == pair.length() - 1) {
                    cookies.remove(pair.substring(0, eq));
                } else {
                    cookies.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
            return response;
        }
    }

    private static Server app(SateLoginFilter filter) throws Exception {
        Server server = SateStandIn.loopbackServer();
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.setContentType("text/html");
                resp.getWriter().write("<form method=post><input name=username><input name=password></form>");
            }

            @Override
            protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                HttpSession old = req.getSession(false);
                if (old != null) {
                    old.invalidate();
                }
                req.getSession(true).setAttribute("user", req.getParameter("username"));
                resp.sendRedirect("/account");
            }
        }), "/login");
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.setContentType("text/html");
                resp.getWriter().write("<h1>Account</h1>");
            }
        }), "/account");
        server.setHandler(context);
        server.start();
        return server;
    }
}
