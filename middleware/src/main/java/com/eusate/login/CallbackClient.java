package com.eusate.login;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Posts {@code {auth_token, auth_token_expires_at_seconds, state}} to Sate's callback. A delivery
 * first tries synchronously, for as long as the customer can wait; if Sate is only temporarily
 * unavailable by then, it continues in the background, without blocking a thread, until its overall
 * deadline. 408, 429 (with Retry-After), 5xx and network errors are retried with exponential backoff
 * and full jitter; 200, 400, 403, redirects and other answers are final. One instance per filter
 * shares one HTTP client. This class is thread-safe.
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
        /** Given up: deadline reached, an unexpected answer, a full queue, or shutdown. */
        FAILED,
        /** Not finished within the customer's wait; retries go on in the background. */
        CONTINUING
    }

    record Result(Outcome outcome, int status, int attempts, String detail) {
    }

    /** Told about each attempt that will be retried, and about the end of a background delivery. */
    interface Observer {
        void retrying(int attempt, int status, String reason);

        void finishedInBackground(Result result);
    }

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration BACKOFF_BASE = Duration.ofMillis(100);
    static final Duration BACKOFF_CAP = Duration.ofSeconds(5);
    /** Sate's answers are a few bytes of JSON; anything longer is cut. */
    static final int MAX_RESPONSE_BYTES = 16 * 1024;
    /** The watchdog of a synchronous attempt fires this long after the request timeout. */
    static final Duration WATCHDOG_SLACK = Duration.ofMillis(50);

    /**
     * A body of known, small length goes to the JDK's own subscriber, which it serves on the fast
     * path; anything else (chunked, or too long) to {@link BoundedBody}, which keeps at most
     * {@link #MAX_RESPONSE_BYTES}.
     */
    private static final HttpResponse.BodyHandler<byte[]> SMALL_BODY_FAST = info -> {
        long length = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        return length >= 0 && length <= MAX_RESPONSE_BYTES ? HttpResponse.BodySubscribers.ofByteArray()
                : new BoundedBody(ATTEMPT_TIMEOUT);
    };

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI callbackUri;
    private final String authorization;
    private final Clock clock;
    private final int maxBackground;
    private final ExecutorService httpExecutor;
    private final ScheduledThreadPoolExecutor scheduler;
    private final HttpClient http;
    private final Set<Delivery> background = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    CallbackClient(URI callbackUri, String apiKey, Clock clock, int maxBackground) {
        this.callbackUri = callbackUri;
        this.authorization = "Bearer " + apiKey;
        this.clock = clock;
        this.maxBackground = maxBackground;
        this.httpExecutor = Executors.newCachedThreadPool(daemon("sate-callback-http"));
        this.scheduler = new ScheduledThreadPoolExecutor(1, daemon("sate-callback-retry"));
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(httpExecutor)
                .build();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Delivers the token: synchronously for at most {@code wait}, then, if Sate is only temporarily
     * unavailable, in the background until {@code deadline} from now (monotonic clock). Never throws.
     */
    Result deliver(IssuedToken token, String state, Duration wait, Duration deadline, Observer observer) {
        Delivery d = new Delivery(json(token, state), token.token(), state, deadline, observer);
        long waitEnd = System.nanoTime() + Math.min(wait.toNanos(), deadline.toNanos());
        while (true) {
            Answer answer;
            if (d.attempts == 0 || waitEnd - System.nanoTime() >= ATTEMPT_TIMEOUT.toNanos() || waitEnd >= d.deadlineNanos) {
                // the first attempt, or one that fits in the customer's wait: the fast path
                answer = d.attemptNow(waitEnd);
            } else {
                // The attempt may outlive the customer's wait. Cutting it off then would leave Sate's
                // answer unknown and make the retry a possible duplicate: the background takes it over.
                CompletableFuture<HttpResponse<byte[]>> call = d.send(d.timeout(d.deadlineNanos));
                try {
                    answer = new Answer(call.get(Math.max(0, waitEnd - System.nanoTime()), TimeUnit.NANOSECONDS),
                            null, d.timeout(d.deadlineNanos));
                } catch (TimeoutException stillWaiting) {
                    return d.continueInBackground(call);
                } catch (ExecutionException e) {
                    answer = new Answer(null, e.getCause(), d.timeout(d.deadlineNanos));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return d.continueInBackground(call);
                }
            }
            Verdict v = d.classify(answer);
            if (v.result() != null) {
                return v.result();
            }
            long next = System.nanoTime() + v.delay().toNanos();
            if (next > d.deadlineNanos) {
                return d.result(Outcome.FAILED, v.status(), v.reason() + "; no time left to retry");
            }
            observer.retrying(d.attempts, v.status(), v.reason());
            if (next > waitEnd) {
                return d.continueInBackground(v);
            }
            if (!sleep(v.delay())) {
                return d.result(Outcome.FAILED, v.status(), v.reason() + "; interrupted");
            }
        }
    }

    /** Background deliveries not finished yet. */
    int inBackground() {
        return background.size();
    }

    /** The next step after an attempt: a final result, or a retry after a delay. */
    private record Verdict(Result result, Duration delay, int status, String reason) {
    }

    /** What one attempt produced: an answer or an error. */
    private record Answer(HttpResponse<byte[]> response, Throwable error, Duration timeout) {
    }

    /** One token on its way to Sate. */
    private final class Delivery {
        final byte[] body;
        final String token;
        final String state;
        final long deadlineNanos;
        final Observer observer;
        int attempts;
        boolean lastWasIoError;
        /** An earlier attempt ended without an answer: Sate may have accepted it. */
        boolean answerLost;
        /** The background attempt on the wire, if any; guarded by this. */
        CompletableFuture<?> inFlight;
        /** Set by close(): no more background attempts start; guarded by this. */
        boolean stopped;

        Delivery(byte[] body, String token, String state, Duration deadline, Observer observer) {
            this.body = body;
            this.token = token;
            this.state = state;
            this.deadlineNanos = System.nanoTime() + deadline.toNanos();
            this.observer = observer;
        }

        Result result(Outcome outcome, int status, String detail) {
            return new Result(outcome, status, attempts, detail);
        }

        private HttpRequest request(Duration timeout) {
            return HttpRequest.newBuilder(callbackUri)
                    .timeout(timeout)
                    .header("Authorization", authorization)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
        }

        private CompletableFuture<HttpResponse<byte[]>> send(Duration timeout) {
            attempts++;
            return http.sendAsync(request(timeout), info -> new BoundedBody(timeout));
        }

        private Duration timeout(long endNanos) {
            long left = Math.min(endNanos, deadlineNanos) - System.nanoTime();
            return Duration.ofNanos(Math.max(1_000_000, Math.min(left, ATTEMPT_TIMEOUT.toNanos())));
        }

        /**
         * One attempt on the calling thread. Blocking {@code send} with a body handler of the JDK's
         * own: the async API, or a body subscriber of ours, hands each answer to another thread,
         * which cost a third of the throughput under load here. The request timeout bounds the wait
         * for the headers; on JDK 17 it does not bound a stalled body, so a watchdog interrupts the
         * wait (which cancels the exchange) once the attempt's time is up.
         */
        Answer attemptNow(long endNanos) {
            Duration timeout = timeout(endNanos);
            attempts++;
            Thread caller = Thread.currentThread();
            AtomicBoolean over = new AtomicBoolean();
            ScheduledFuture<?> watchdog = null;
            try {
                watchdog = scheduler.schedule(() -> {
                    if (over.compareAndSet(false, true)) {
                        caller.interrupt();
                    }
                }, timeout.toNanos() + WATCHDOG_SLACK.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException closing) {
                // close() makes its last attempts without a watchdog; the grace period bounds them
            }
            try {
                return new Answer(http.send(request(timeout), SMALL_BODY_FAST), null, timeout);
            } catch (IOException e) {
                return new Answer(null, e.getCause() instanceof TimeoutException t ? t : e, timeout);
            } catch (InterruptedException e) {
                boolean ourWatchdog = !over.compareAndSet(false, true);
                if (!ourWatchdog) {
                    Thread.currentThread().interrupt(); // someone else's interrupt: keep it
                    return new Answer(null, new IOException("interrupted"), timeout);
                }
                return new Answer(null, new TimeoutException(), timeout);
            } finally {
                if (!over.compareAndSet(false, true)) {
                    Thread.interrupted(); // the watchdog fired as the answer came: clear its interrupt
                }
                if (watchdog != null) {
                    watchdog.cancel(false);
                }
            }
        }

        /** One attempt without blocking: its answer schedules the next step. */
        void attemptInBackground() {
            synchronized (this) {
                if (stopped) {
                    return; // close() reports it
                }
                follow(send(timeout(deadlineNanos)));
            }
        }

        /** Lets the answer of an attempt on the wire decide the next step; guarded by this. */
        private void follow(CompletableFuture<HttpResponse<byte[]>> call) {
            Duration timeout = timeout(deadlineNanos);
            inFlight = call.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
                    .whenComplete((response, error) -> afterBackgroundAttempt(new Answer(response,
                            error instanceof CompletionException c && c.getCause() != null ? c.getCause() : error,
                            timeout)));
        }

        /** Hands an attempt still on the wire to the background, which waits for its answer. */
        Result continueInBackground(CompletableFuture<HttpResponse<byte[]>> call) {
            if (closing || background.size() >= maxBackground) {
                call.cancel(true);
                return result(Outcome.FAILED, 0, "no answer within the customer's wait; " + (closing ? "shutting down"
                        : maxBackground + " deliveries already retrying in the background")
                        + " (Sate may still accept this attempt)");
            }
            background.add(this);
            synchronized (this) {
                follow(call);
            }
            return result(Outcome.CONTINUING, 0, "no answer within the customer's wait; waiting in the background");
        }

        private void afterBackgroundAttempt(Answer answer) {
            Verdict v = classify(answer);
            if (v.result() != null) {
                finish(v.result());
                return;
            }
            if (System.nanoTime() + v.delay().toNanos() > deadlineNanos) {
                finish(result(Outcome.FAILED, v.status(), v.reason() + "; deadline reached"));
                return;
            }
            observer.retrying(attempts, v.status(), v.reason());
            if (!schedule(v.delay())) {
                finish(result(Outcome.FAILED, v.status(), v.reason() + "; stopped at shutdown"));
            }
        }

        Result continueInBackground(Verdict v) {
            if (closing || background.size() >= maxBackground) {
                return result(Outcome.FAILED, v.status(), v.reason() + (closing ? "; shutting down"
                        : "; " + maxBackground + " deliveries already retrying in the background"));
            }
            background.add(this);
            if (!schedule(v.delay())) {
                background.remove(this);
                return result(Outcome.FAILED, v.status(), v.reason() + "; shutting down");
            }
            return result(Outcome.CONTINUING, v.status(), v.reason() + "; retrying in the background");
        }

        private boolean schedule(Duration delay) {
            try {
                scheduler.schedule(this::attemptInBackground, delay.toNanos(), TimeUnit.NANOSECONDS);
                return true;
            } catch (RejectedExecutionException e) {
                return false; // closing: close() reports it
            }
        }

        /** Reports the end of a background delivery exactly once. */
        void finish(Result result) {
            if (background.remove(this)) {
                observer.finishedInBackground(result);
            }
        }

        Verdict classify(Answer answer) {
            if (answer.error() != null) {
                Throwable e = answer.error();
                answerLost = true;
                if (e instanceof TimeoutException || e instanceof HttpTimeoutException) {
                    lastWasIoError = false;
                    return retry(0, "no answer within " + answer.timeout().toMillis() + " ms", null);
                }
                String reason = "network error: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + Redact.forLog(e.getMessage(), 120, token, state));
                // A pooled connection that the server closed fails a POST at once and the JDK client does
                // not retry it; so the first retry after a network error goes at once.
                Duration delay = lastWasIoError ? null : Duration.ZERO;
                lastWasIoError = true;
                return retry(0, reason, delay);
            }
            lastWasIoError = false;
            HttpResponse<byte[]> response = answer.response();
            int status = response.statusCode();
            if (status == 200) {
                return done(Outcome.DELIVERED, status, "accepted");
            }
            String detail = detail(response.body(), token, state);
            return switch (status) {
                case 400 -> done(Outcome.REJECTED, status, detail + (answerLost
                        ? " (an earlier attempt got no answer; Sate may have accepted that one)" : ""));
                case 403 -> done(Outcome.FORBIDDEN, status, detail);
                case 408, 429, 500, 502, 503, 504 -> retry(status,
                        "HTTP " + status + (detail.isEmpty() ? "" : ": " + detail), retryAfter(response));
                default -> status >= 300 && status < 400
                        ? done(Outcome.FAILED, status, "Sate answered a redirect (HTTP " + status
                                + "), which is not followed; check api-base-url")
                        : done(Outcome.FAILED, status, "unexpected HTTP " + status
                                + (detail.isEmpty() ? "" : ": " + detail) + "; check api-base-url");
            };
        }

        private Verdict done(Outcome outcome, int status, String detail) {
            return new Verdict(result(outcome, status, detail), null, status, detail);
        }

        private Verdict retry(int status, String reason, Duration delay) {
            return new Verdict(null, delay != null ? delay : backoff(attempts), status, reason);
        }
    }

    static byte[] json(IssuedToken token, String state) {
        // exactly the three documented fields; Jackson escapes the values
        com.fasterxml.jackson.databind.node.ObjectNode fields = JSON.createObjectNode();
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
            String v = value.strip();
            if (!v.isEmpty() && v.chars().allMatch(Character::isDigit)) {
                return Duration.ofSeconds(Math.min(Long.parseLong(v), 86_400));
            }
            Duration d = Duration.between(clock.instant(),
                    ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return d.isNegative() ? Duration.ZERO : d;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Exponential backoff with full jitter: uniform in [0, min(cap, base * 2^(attempt-1))]. */
    static Duration backoff(int attempt) {
        long ceiling = Math.min(BACKOFF_CAP.toMillis(), BACKOFF_BASE.toMillis() << Math.min(Math.max(attempt - 1, 0), 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
    }

    private static boolean sleep(Duration d) {
        try {
            TimeUnit.NANOSECONDS.sleep(d.toNanos());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    /**
     * Stops taking deliveries; those in flight get {@code grace} to finish, and every one left is
     * reported to its observer as failed.
     */
    void close(Duration grace) {
        closing = true;
        scheduler.shutdownNow(); // retries waiting for their turn will not run
        long end = System.nanoTime() + grace.toNanos();
        for (Delivery d : background.toArray(new Delivery[0])) {
            CompletableFuture<?> onTheWire;
            synchronized (d) {
                d.stopped = true;
                onTheWire = d.inFlight;
            }
            long left = end - System.nanoTime();
            if (left <= 0) {
                break;
            }
            if (onTheWire != null && !onTheWire.isDone()) {
                try {
                    onTheWire.get(left, TimeUnit.NANOSECONDS); // its answer finishes it
                } catch (ExecutionException | TimeoutException e) {
                    // reported below if it did not finish
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            } else {
                Verdict v = d.classify(d.attemptNow(end)); // a last try instead of the retry it waited for
                d.finish(v.result() != null ? v.result()
                        : d.result(Outcome.FAILED, v.status(), v.reason() + "; stopped at shutdown"));
            }
        }
        for (Delivery d : background.toArray(new Delivery[0])) {
            d.finish(d.result(Outcome.FAILED, 0, "stopped at shutdown before Sate accepted it"));
        }
        httpExecutor.shutdownNow();
    }

    @Override
    public String toString() {
        return "CallbackClient[" + callbackUri + ", apiKey=(redacted)]";
    }

    /**
     * Collects at most {@link #MAX_RESPONSE_BYTES} of a response body and drops the rest. It asks for
     * everything at once: asking item by item costs a thread hand-off in the JDK client per item.
     */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletionStage<byte[]> bounded;

        /** @param timeout how long the body may take once the headers are in */
        BoundedBody(Duration timeout) {
            bounded = result.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return bounded;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer b : items) {
                int n = Math.min(b.remaining(), MAX_RESPONSE_BYTES - bytes.size());
                if (n > 0) {
                    byte[] chunk = new byte[n];
                    b.get(chunk);
                    bytes.write(chunk, 0, n);
                }
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
