package com.eusate.login;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Posts {@code {auth_token, auth_token_expires_at_seconds, state}} to Sate's callback, retrying what is
 * safe to retry inside a deadline. One instance per filter shares one HTTP client. This class is
 * thread-safe.
 */
final class CallbackClient implements AutoCloseable {

    /** What became of one delivery. */
    enum Outcome {
        /** Sate answered 200. */
        DELIVERED,
        /** Sate answered 400: the request itself is wrong; retrying cannot help. */
        REJECTED,
        /** Sate answered 403: the API key is wrong or lacks access. */
        FORBIDDEN,
        /** Network failures, 5xx or an unexpected answer until the deadline. */
        FAILED
    }

    record Result(Outcome outcome, int status, int attempts, String detail) {
    }

    /** Told about each attempt that will be retried. */
    interface RetryObserver {
        void retrying(int attempt, int status, String reason);
    }

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration BACKOFF_BASE = Duration.ofMillis(100);
    static final Duration BACKOFF_CAP = Duration.ofSeconds(2);
    /** Sate's answers are a few bytes of JSON; anything longer is cut (and the connection dropped). */
    static final int MAX_RESPONSE_BYTES = 16 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI callbackUri;
    private final String authorization;
    private final Clock clock;
    private final ExecutorService executor;
    private final HttpClient http;

    CallbackClient(URI callbackUri, String apiKey, Clock clock) {
        this.callbackUri = callbackUri;
        this.authorization = "Bearer " + apiKey;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sate-callback-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    /**
     * Delivers the token, trying again after 408, 429, 5xx and network errors for at most
     * {@code budget} (measured on the monotonic clock). Never throws; the result says what happened.
     */
    Result deliver(IssuedToken token, String state, Duration budget, RetryObserver observer) {
        byte[] body = json(token, state);
        long deadline = System.nanoTime() + budget.toNanos();
        int attempt = 0;
        boolean lastWasIoError = false;
        while (true) {
            attempt++;
            Duration remaining = Duration.ofNanos(deadline - System.nanoTime());
            if (remaining.isNegative() || remaining.isZero()) {
                return new Result(Outcome.FAILED, 0, attempt - 1, "deadline reached before Sate accepted the token");
            }
            Duration timeout = remaining.compareTo(ATTEMPT_TIMEOUT) < 0 ? remaining : ATTEMPT_TIMEOUT;
            int status = 0;
            String reason;
            Duration retryAfter = null;
            try {
                HttpResponse<byte[]> response = send(body, timeout);
                status = response.statusCode();
                String detail = detail(response.body(), token.token(), state);
                switch (status) {
                    case 200:
                        return new Result(Outcome.DELIVERED, status, attempt, "accepted");
                    case 400:
                        return new Result(Outcome.REJECTED, status, attempt, detail);
                    case 403:
                        return new Result(Outcome.FORBIDDEN, status, attempt, detail);
                    case 408, 429, 500, 502, 503, 504:
                        reason = "HTTP " + status + (detail.isEmpty() ? "" : ": " + detail);
                        retryAfter = retryAfter(response);
                        break;
                    default:
                        if (status >= 300 && status < 400) {
                            return new Result(Outcome.FAILED, status, attempt, "Sate answered a redirect (HTTP "
                                    + status + "), which is not followed; check api-base-url");
                        }
                        if (status >= 500) {
                            reason = "HTTP " + status;
                            break;
                        }
                        return new Result(Outcome.FAILED, status, attempt, "unexpected HTTP " + status
                                + (detail.isEmpty() ? "" : ": " + detail) + "; check api-base-url");
                }
                lastWasIoError = false;
            } catch (TimeoutException e) {
                reason = "no answer within " + timeout.toMillis() + " ms";
                lastWasIoError = false;
            } catch (IOException e) {
                reason = "network error: " + Redact.forLog(e.getMessage(), 120, state);
                // A pooled connection that the server closed fails a POST at once and the JDK client does
                // not retry it; the first retry after a network error goes at once for that reason.
                if (!lastWasIoError) {
                    lastWasIoError = true;
                    observer.retrying(attempt, 0, reason);
                    continue;
                }
            }
            Duration delay = retryAfter != null ? retryAfter : backoff(attempt);
            if (System.nanoTime() + delay.toNanos() > deadline) {
                return new Result(Outcome.FAILED, status, attempt, reason + "; no time left to retry");
            }
            observer.retrying(attempt, status, reason);
            if (!sleep(delay)) {
                return new Result(Outcome.FAILED, status, attempt, reason + "; interrupted");
            }
        }
    }

    private HttpResponse<byte[]> send(byte[] body, Duration timeout) throws IOException, TimeoutException {
        HttpRequest request = HttpRequest.newBuilder(callbackUri)
                .timeout(timeout)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        CompletableFuture<HttpResponse<byte[]>> call = http.sendAsync(request, info -> new BoundedBody());
        try {
            // the request timeout does not bound a stalled response body on JDK 17: bound the whole call
            return call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw e;
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof java.net.http.HttpTimeoutException) {
                throw new TimeoutException();
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause == null ? "failed" : cause.getClass().getSimpleName());
        }
    }

    static byte[] json(IssuedToken token, String state) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("auth_token", token.token());
        fields.put("auth_token_expires_at_seconds", token.expiresAt().getEpochSecond());
        fields.put("state", state);
        try {
            return JSON.writeValueAsBytes(fields);
        } catch (IOException e) {
            throw new IllegalStateException("could not write JSON", e);
        }
    }

    /** Sate's {@code detail}, made safe for a log line (it might echo what we sent). */
    private static String detail(byte[] body, String token, String state) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text;
        try {
            JsonNode node = JSON.readTree(body);
            JsonNode detail = node == null ? null : node.get("detail");
            text = detail == null ? "" : detail.isTextual() ? detail.asText() : detail.toString();
        } catch (IOException | RuntimeException e) {
            text = "";
        }
        return Redact.forLog(text, 200, token, state);
    }

    /** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
    private Duration retryAfter(HttpResponse<?> response) {
        String value = response.headers().firstValue("Retry-After").orElse(null);
        if (value == null) {
            return null;
        }
        try {
            if (value.strip().chars().allMatch(Character::isDigit)) {
                return Duration.ofSeconds(Math.min(Long.parseLong(value.strip()), 86_400));
            }
            Duration d = Duration.between(clock.instant(),
                    ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return d.isNegative() ? Duration.ZERO : d;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Exponential backoff with full jitter: uniform in [0, min(cap, base * 2^(attempt-1))]. */
    static Duration backoff(int attempt) {
        long ceiling = Math.min(BACKOFF_CAP.toMillis(), BACKOFF_BASE.toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
    }

    private static boolean sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "CallbackClient[" + callbackUri + ", apiKey=(redacted)]";
    }

    /** Collects at most {@link #MAX_RESPONSE_BYTES} of a response body, then stops reading. */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer b : items) {
                int n = Math.min(b.remaining(), MAX_RESPONSE_BYTES - bytes.size());
                byte[] chunk = new byte[n];
                b.get(chunk);
                bytes.write(chunk, 0, n);
            }
            if (bytes.size() >= MAX_RESPONSE_BYTES) {
                subscription.cancel();
                result.complete(bytes.toByteArray());
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
