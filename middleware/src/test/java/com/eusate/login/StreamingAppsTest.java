package com.eusate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eusate.login.signin.SateLoginConfig;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pages of an app that streams, runs async or answers in unusual ways, requested while a Sate state
 * is pending and nobody is signed in: the filter then holds back the app's response in case the login
 * happens in this request, and must not get in the way. Real Jetty 12.1 (Servlet 6.1), real HTTP.
 */
class StreamingAppsTest {

    private static final int MIB = 1024 * 1024;

    private final CountDownLatch clientGotTheFirstPart = new CountDownLatch(1);
    /** Set when a streaming servlet has written its last byte. */
    private volatile boolean appFinished;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private FakeSate sate;
    private Server server;
    private URI base;
    private String stateCookie;

    @BeforeEach
    void startAppWithAPendingState() throws Exception {
        sate = new FakeSate("sk_test_streaming_0123456789");
        SateLoginFilter filter = new SateLoginFilter(SateLoginConfig.builder()
                .apiKey("sk_test_streaming_0123456789")
                .signingSecret("test-signing-secret-" + UUID.randomUUID())
                .apiBaseUrl(sate.baseUrl())
                .allowInsecureLocalhost(true)
                .subject("session:user")
                .build());
        server = Loopback.server();
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        FilterHolder holder = new FilterHolder(filter);
        holder.setAsyncSupported(true);
        context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(page("<form>sign in</form>")), "/login");
        context.addServlet(new ServletHolder(new EventStream()), "/events");
        context.addServlet(new ServletHolder(new Download()), "/download");
        context.addServlet(new ServletHolder(new Fixed()), "/fixed");
        context.addServlet(new ServletHolder(new Missing()), "/missing");
        ServletHolder async = new ServletHolder(new AsyncPage());
        async.setAsyncSupported(true);
        context.addServlet(async, "/async");
        server.setHandler(context);
        server.start();
        base = Loopback.baseUrl(server);

        HttpResponse<String> login = http.send(get("/login?state=st_" + UUID.randomUUID().toString().replace("-", "")),
                HttpResponse.BodyHandlers.ofString());
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.startsWith("sate_login="), setCookie);
        stateCookie = setCookie.substring(0, setCookie.indexOf(';'));
    }

    @AfterEach
    void stop() throws Exception {
        clientGotTheFirstPart.countDown();
        server.stop();
        sate.close();
    }

    private HttpRequest get(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "text/html");
        return (stateCookie == null ? b : b.header("Cookie", stateCookie)).build();
    }

    @Test
    void aServerSentEventFlushedByTheAppReachesTheClientBeforeTheResponseEnds() throws Exception {
        HttpResponse<InputStream> response = http.send(get("/events"), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader events = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertEquals("data: first", events.readLine());
            assertFalse(appFinished, "the event arrived only after the app had finished writing");
            clientGotTheFirstPart.countDown();
            events.readLine();
            assertEquals("data: second", events.readLine());
        }
    }

    @Test
    void aLargeDownloadStreamsToTheClientWhileTheAppIsStillWriting() throws Exception {
        HttpResponse<InputStream> response = http.send(get("/download"), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            byte[] firstPart = body.readNBytes(Download.BEFORE_WAIT);
            assertEquals(Download.BEFORE_WAIT, firstPart.length);
            assertFalse(appFinished, "the bytes arrived only after the app had finished writing");
            clientGotTheFirstPart.countDown();
            assertEquals(Download.TOTAL - Download.BEFORE_WAIT, body.readAllBytes().length);
        }
        assertEquals(200, response.statusCode());
    }

    @Test
    void anAsyncPageWrittenFromAnotherThreadArrivesWhole() throws Exception {
        HttpResponse<String> response = http.send(get("/async"), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("before async|from another thread", response.body());
    }

    @Test
    void aContentLengthAndAHeadRequestAnswerAsWithoutTheFilter() throws Exception {
        HttpResponse<String> full = http.send(get("/fixed"), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, full.statusCode());
        assertEquals("12345", full.body());
        assertEquals("5", full.headers().firstValue("Content-Length").orElse(null));

        HttpRequest head = HttpRequest.newBuilder(base.resolve("/fixed")).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Cookie", stateCookie).build();
        HttpResponse<String> headers = http.send(head, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, headers.statusCode());
        assertEquals("5", headers.headers().firstValue("Content-Length").orElse(null));
        assertEquals("", headers.body());
    }

    @Test
    void anErrorSentByTheAppKeepsItsStatus() throws Exception {
        HttpResponse<String> response = http.send(get("/missing"), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, response.statusCode());
    }

    private static HttpServlet page(String html) {
        return new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.setContentType("text/html;charset=UTF-8");
                resp.getWriter().write(html);
            }
        };
    }

    private void awaitTheClient() {
        try {
            clientGotTheFirstPart.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Server-sent events: one event, a flush, a pause until the client has it, another event. */
    private final class EventStream extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/event-stream;charset=UTF-8");
            resp.getWriter().write("data: first\n\n");
            resp.getWriter().flush();
            awaitTheClient();
            resp.getWriter().write("data: second\n\n");
            appFinished = true;
        }
    }

    /** 8 MiB through the output stream, pausing after 1 MiB until the client has read it. */
    private final class Download extends HttpServlet {
        static final int BEFORE_WAIT = MIB;
        static final int TOTAL = 8 * MIB;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("application/octet-stream");
            ServletOutputStream out = resp.getOutputStream();
            byte[] chunk = new byte[64 * 1024];
            for (int written = 0; written < TOTAL; written += chunk.length) {
                if (written == BEFORE_WAIT) {
                    out.flush();
                    awaitTheClient();
                }
                out.write(chunk);
            }
            appFinished = true;
        }
    }

    /** A page that starts async processing and finishes it from another thread. */
    private static final class AsyncPage extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain;charset=UTF-8");
            resp.getWriter().write("before async|");
            AsyncContext async = req.startAsync();
            new Thread(() -> {
                try {
                    async.getResponse().getWriter().write("from another thread");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                } finally {
                    async.complete();
                }
            }).start();
        }
    }

    /** A fixed-length body through the output stream; HttpServlet answers HEAD with its length. */
    private static final class Fixed extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain");
            resp.setContentLength(5);
            resp.getOutputStream().write("12345".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static final class Missing extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND, "no such thing");
        }
    }
}
