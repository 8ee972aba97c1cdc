package com.eusate.login;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;

/**
 * A real HTTP server standing in for Sate's API. It enforces the documented callback contract
 * (exact path with the trailing slash, POST, Bearer API key, JSON content type, exactly the three
 * fields with an integer expiry in seconds, a state used once) and answers as Sate does:
 * {@code 200 {"success": true}}, {@code 400/403 {"detail": ...}}. Faults can be queued to play a
 * misbehaving network or server before the contract is applied.
 */
public final class FakeSate implements AutoCloseable {

    static final String CALLBACK_PATH = "/api/v1/lab/login/callback/";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One callback Sate accepted. */
    public record Received(String authToken, long expiresAtSeconds, String state, Map<String, String> headers) {
    }

    /** A misbehaviour applied to the next request. */
    public sealed interface Fault permits Status, Reset, Delay, StalledBody, EndlessBody {
    }

    /** Sends 200 without a length, then a space every 50 ms (never the 16 KB at which we cut), until the client goes away. */
    public record EndlessBody() implements Fault {
    }

    /** Sends 200 and a Content-Length, a few bytes of the body, then nothing for a while. */
    public record StalledBody(long millis) implements Fault {
    }

    public record Status(int code, Map<String, String> headers, String body) implements Fault {
    }

    public record Reset() implements Fault {
    }

    public record Delay(long millis) implements Fault {
    }

    private final String apiKey;
    private final Server server;
    private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final List<Received> accepted = new CopyOnWriteArrayList<>();
    private final List<String> rejections = new CopyOnWriteArrayList<>();
    private final Set<String> usedStates = Collections.synchronizedSet(new HashSet<>());
    private final AtomicInteger requests = new AtomicInteger();
    /** When an {@link EndlessBody} found its client gone (System.nanoTime), or 0 while it still writes. */
    private final java.util.concurrent.atomic.AtomicLong endlessBodyCutAt = new java.util.concurrent.atomic.AtomicLong();

    public FakeSate(String apiKey) throws Exception {
        this(apiKey, 0);
    }

    /**
     * Listens on 127.0.0.1 at {@code port} (0 for any free port): for a container that was started
     * before the test, with the callback URL, and so the port, in its configuration.
     */
    public FakeSate(String apiKey, int port) throws Exception {
        this.apiKey = apiKey;
        server = Loopback.server();
        ((org.eclipse.jetty.server.ServerConnector) server.getConnectors()[0]).setPort(port);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, org.eclipse.jetty.util.Callback callback)
                    throws Exception {
                return FakeSate.this.handle(request, response, callback);
            }
        });
        server.start();
    }

    public URI baseUrl() {
        return Loopback.baseUrl(server);
    }

    public void enqueue(Fault... more) {
        faults.addAll(List.of(more));
    }

    public List<Received> accepted() {
        return new ArrayList<>(accepted);
    }

    public List<String> rejections() {
        return new ArrayList<>(rejections);
    }

    public long endlessBodyCutAt() {
        return endlessBodyCutAt.get();
    }

    public int requestCount() {
        return requests.get();
    }

    private boolean handle(Request request, Response response, org.eclipse.jetty.util.Callback callback)
            throws Exception {
        requests.incrementAndGet();
        String body = Content.Source.asString(request, StandardCharsets.UTF_8);
        Fault fault = faults.poll();
        if (fault instanceof Reset) {
            request.getConnectionMetaData().getConnection().getEndPoint().close();
            callback.failed(new java.io.IOException("connection reset by the fake"));
            return true;
        }
        if (fault instanceof StalledBody stall) {
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 1000);
            response.write(false, java.nio.ByteBuffer.wrap("{\"succ".getBytes(StandardCharsets.UTF_8)),
                    org.eclipse.jetty.util.Callback.NOOP);
            TimeUnit.MILLISECONDS.sleep(stall.millis());
            callback.failed(new java.io.IOException("stalled body abandoned by the fake"));
            return true;
        }
        if (fault instanceof EndlessBody) {
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            byte[] space = {' '};
            try {
                while (true) {
                    org.eclipse.jetty.util.Callback.Completable written = new org.eclipse.jetty.util.Callback.Completable();
                    response.write(false, java.nio.ByteBuffer.wrap(space), written);
                    written.get(30, TimeUnit.SECONDS); // a client that stops reading but keeps the connection is not "gone"
                    TimeUnit.MILLISECONDS.sleep(50);
                }
            } catch (Exception clientGone) {
                endlessBodyCutAt.set(System.nanoTime());
                callback.failed(clientGone);
                return true;
            }
        }
        if (fault instanceof Delay d) {
            TimeUnit.MILLISECONDS.sleep(d.millis());
        }
        if (fault instanceof Status s) {
            s.headers().forEach((k, v) -> response.getHeaders().put(k, v));
            return answer(response, callback, s.code(), s.body());
        }
        String problem = contractProblem(request, body);
        if (problem != null) {
            rejections.add(problem);
            int code = problem.startsWith("403") ? 403 : problem.startsWith("404") ? 404 : 400;
            return answer(response, callback, code, JSON.writeValueAsString(Map.of("detail", problem.substring(4))));
        }
        return answer(response, callback, 200, "{\"success\": true}");
    }

    /** Null when the request meets Sate's documented contract, else "NNN reason". */
    private String contractProblem(Request request, String body) {
        if (!CALLBACK_PATH.equals(request.getHttpURI().getPath())) {
            return "404 Not found: " + request.getHttpURI().getPath();
        }
        if (!"POST".equals(request.getMethod())) {
            return "400 Method must be POST";
        }
        String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (!("Bearer " + apiKey).equals(auth)) {
            return "403 Invalid API key";
        }
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type == null || !type.startsWith("application/json")) {
            return "400 Content-Type must be application/json";
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (Exception e) {
            return "400 Body is not JSON";
        }
        if (json == null || !json.isObject() || json.size() != 3) {
            return "400 Body must have exactly auth_token, auth_token_expires_at_seconds and state";
        }
        JsonNode token = json.get("auth_token");
        JsonNode exp = json.get("auth_token_expires_at_seconds");
        JsonNode state = json.get("state");
        if (token == null || !token.isTextual() || token.asText().isEmpty()) {
            return "400 auth_token must be a non-empty string";
        }
        if (exp == null || !exp.isIntegralNumber()) {
            return "400 auth_token_expires_at_seconds must be an integer";
        }
        if (exp.asLong() <= Instant.now().getEpochSecond() - 60 || exp.asLong() > 100_000_000_000L) {
            return "400 auth_token_expires_at_seconds must be a future Unix time in seconds";
        }
        if (state == null || !state.isTextual() || state.asText().isEmpty()) {
            return "400 state must be a non-empty string";
        }
        if (!usedStates.add(state.asText())) {
            return "400 Invalid or already used state " + state.asText(); // echoes it, as a careless server might
        }
        Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        request.getHeaders().forEach(f -> headers.put(f.getName(), f.getValue()));
        accepted.add(new Received(token.asText(), exp.asLong(), state.asText(), headers));
        return null;
    }

    private static boolean answer(Response response, org.eclipse.jetty.util.Callback callback, int code, String body) {
        response.setStatus(code);
        if (body != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            Content.Sink.write(response, true, body, callback);
        } else {
            callback.succeeded();
        }
        return true;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
