package com.eusate.login;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

/** A Sate stand-in that misbehaves on a share of callbacks, and counts what it accepted. */
final class FaultySate implements AutoCloseable {
    /** Share (in percent) of callback requests answered with each fault; the rest are served. */
    static final Map<String, Integer> MIX = new LinkedHashMap<>(Map.of(
            "500", 5, "503 Retry-After: 1", 5, "429 Retry-After: 1", 5, "reset", 3, "slow 400 ms", 5));

    final ConcurrentHashMap<String, Boolean> accepted = new ConcurrentHashMap<>();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong requests = new AtomicLong();
    final ConcurrentHashMap<String, AtomicInteger> faults = new ConcurrentHashMap<>();
    private final Random random;
    private final Server server = SateStandIn.loopbackServer();

    FaultySate(Random random) throws Exception {
        this.random = random;
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                return FaultySate.this.handle(request, response, callback);
            }
        });
        server.start();
    }

    URI baseUrl() {
        return SateStandIn.baseUrl(server);
    }

    void reset() {
        accepted.clear();
        duplicates.set(0);
        requests.set(0);
        faults.clear();
    }

    private String pickFault() {
        int roll;
        synchronized (random) {
            roll = random.nextInt(100);
        }
        for (Map.Entry<String, Integer> e : MIX.entrySet()) {
            roll -= e.getValue();
            if (roll < 0) {
                return e.getKey();
            }
        }
        return null;
    }

    private boolean handle(Request request, Response response, Callback callback) throws Exception {
        requests.incrementAndGet();
        String body = Content.Source.asString(request, StandardCharsets.UTF_8);
        String fault = pickFault();
        if (fault != null) {
            faults.computeIfAbsent(fault, f -> new AtomicInteger()).incrementAndGet();
            switch (fault) {
                case "reset" -> {
                    request.getConnectionMetaData().getConnection().getEndPoint().close();
                    callback.failed(new IOException("reset by the stand-in"));
                    return true;
                }
                case "slow 400 ms" -> Thread.sleep(400);
                default -> {
                    int status = Integer.parseInt(fault.substring(0, 3));
                    if (fault.contains("Retry-After")) {
                        response.getHeaders().put("Retry-After", "1");
                    }
                    return answer(response, callback, status, "{\"detail\": \"try again\"}");
                }
            }
        }
        if (!("Bearer " + LoadHarness.API_KEY).equals(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
            return answer(response, callback, 403, "{\"detail\": \"Invalid API key\"}");
        }
        Matcher state = Pattern.compile("\"state\":\"([^\"]+)\"").matcher(body);
        if (!state.find()) {
            return answer(response, callback, 400, "{\"detail\": \"state missing\"}");
        }
        if (accepted.putIfAbsent(state.group(1), Boolean.TRUE) != null) {
            duplicates.incrementAndGet();
            return answer(response, callback, 400, "{\"detail\": \"state already used\"}");
        }
        return answer(response, callback, 200, "{\"success\": true}");
    }

    private static boolean answer(Response response, Callback callback, int status, String json) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        Content.Sink.write(response, true, json, callback);
        return true;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
