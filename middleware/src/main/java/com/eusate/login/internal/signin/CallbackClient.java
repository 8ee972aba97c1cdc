package com.eusate.login.internal.signin;

import com.eusate.login.internal.signin.RetryPolicy.Answer;
import com.eusate.login.signin.IssuedToken;
import com.eusate.login.signin.SateLoginEvent.Failure;
import com.eusate.login.signin.SateLoginEvent.Type;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Posts {@code {auth_token, auth_token_expires_at_seconds, state}} to Sate's callback: one shared
 * HTTP/1.1 client that never follows redirects, the threads that retry in the background, and the
 * deliveries retrying there now. Each delivery's retry loop is a {@link Delivery}; how an answer is
 * judged is the {@link RetryPolicy}. One instance per filter. This class is thread-safe.
 */
public final class CallbackClient implements AutoCloseable {

    /**
     * What became of a delivery: {@link Type#DELIVERED}, {@link Type#FAILED} (with its
     * {@link Failure}) or {@link Type#DEFERRED} (it goes on in the background).
     */
    public record Result(Type type, Failure failure, int status, int attempts, String detail) {
        static Result delivered(int status, int attempts) {
            return new Result(Type.DELIVERED, null, status, attempts, "accepted");
        }

        static Result failed(Failure failure, int status, int attempts, String detail) {
            return new Result(Type.FAILED, failure, status, attempts, detail);
        }
    }

    /** Told about each attempt that will be retried, and about the end of a background delivery. */
    public interface Observer {
        void retrying(int attempt, int status, String reason);

        void finishedInBackground(Result result);
    }

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);
    /** Sate's answers are a few bytes of JSON; anything longer is cut. */
    static final int MAX_RESPONSE_BYTES = 16 * 1024;
    /** The body of an attempt on the customer's thread is given up this long after its request timeout. */
    static final Duration WAIT_SLACK = Duration.ofMillis(50);

    private static final JsonFactory JSON = new JsonFactory();

    private final URI callbackUri;
    /** Cut out of anything Sate's answers echo, with the token and the state. */
    final String apiKey;
    private final String authorization;
    final RetryPolicy policy;
    final int maxBackground;
    private final ExecutorService httpExecutor;
    final ScheduledThreadPoolExecutor scheduler;
    private final BodyWatch bodyWatch;
    private final HttpClient http;
    final Set<Delivery> background = ConcurrentHashMap.newKeySet();
    volatile boolean closing;

    public CallbackClient(URI callbackUri, String apiKey, Clock clock, int maxBackground) {
        this.callbackUri = callbackUri;
        this.apiKey = apiKey;
        this.authorization = "Bearer " + apiKey;
        this.policy = new RetryPolicy(clock);
        this.maxBackground = maxBackground;
        this.httpExecutor = Executors.newCachedThreadPool(CallbackThreads.daemon("sate-callback-http"));
        this.scheduler = new ScheduledThreadPoolExecutor(1, CallbackThreads.daemon("sate-callback-retry"));
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.bodyWatch = new BodyWatch(scheduler);
        this.http = CallbackThreads.withNeutralContextLoader(() -> HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(httpExecutor)
                .build());
    }

    /**
     * Delivers the token: on this thread for at most {@code wait}, then, if Sate is only temporarily
     * unavailable, in the background until {@code deadline} from now (monotonic clock). Never throws.
     */
    public Result deliver(IssuedToken token, String state, Duration wait, Duration deadline, Observer observer) {
        return new Delivery(this, json(token, state), token.token(), state, deadline, observer).runFor(wait);
    }

    /** Background deliveries not finished yet. */
    public int inBackground() {
        return background.size();
    }

    private HttpRequest request(byte[] body, Duration timeout) {
        return HttpRequest.newBuilder(callbackUri)
                .timeout(timeout)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    /**
     * One attempt on the calling thread, bounded without ever interrupting that thread (the
     * customer's, the container's: an interrupt that lands late hits the app's next code on it). The
     * connect timeout bounds the connection, the request timeout the wait for the headers; on JDK 17
     * nothing bounds a stalled body, so the {@link BodyWatch} ends the body's future when the attempt's
     * time is up, which ends the call at once (a stalled answer's connection is then left to the
     * server's own timeout, unless the body is a {@link CappedBody}, which also cuts it). Blocking
     * {@code send} keeps the answer on the fast path: {@code sendAsync} hands each answer to another
     * thread, which cost a third to two thirds of the throughput here. A body of known, small length
     * goes to the JDK's own {@code ofByteArray()} subscriber, the only kind the client completes
     * without one more hand-off between threads; read as a stream, each item cost a hand-off too.
     */
    Answer sendHere(byte[] body, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos() + WAIT_SLACK.toNanos();
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(request(body, timeout), info -> {
                long length = length(info);
                return bodyWatch.watch(length >= 0 && length <= MAX_RESPONSE_BYTES
                        ? HttpResponse.BodySubscribers.ofByteArray() : new CappedBody(MAX_RESPONSE_BYTES, length), end);
            });
        } catch (IOException e) {
            return Answer.failed(e.getCause() instanceof TimeoutException t ? t : e, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // someone else's interrupt: keep it for them
            return Answer.failed(new IOException("interrupted"), timeout);
        }
        return Answer.received(answer, answer.body(), timeout);
    }

    /**
     * One attempt without blocking; the future ends with Sate's answer, or by {@code timeout} at the
     * latest: the request timeout bounds the wait for the headers, and the {@link BodyWatch} cuts a
     * body still coming at the end, with its connection. (No {@code orTimeout} or other JDK timer:
     * the JDK's shared timer thread never ends, and would keep the class loader, the access control
     * context and the inheritable thread locals of the app whose code first started it.)
     */
    CompletableFuture<HttpResponse<byte[]>> sendAsync(byte[] body, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        return http.sendAsync(request(body, timeout),
                info -> bodyWatch.watch(new CappedBody(MAX_RESPONSE_BYTES, length(info)), end));
    }

    /**
     * One attempt at shutdown, after the retry thread that ticks the {@link BodyWatch} has stopped:
     * the calling thread itself waits until the attempt's end at most, then cuts the body, so that an
     * answer whose body stalls cannot hold the app's undeploy.
     */
    Answer sendAtShutdown(byte[] body, Duration timeout) {
        AtomicReference<CappedBody> reading = new AtomicReference<>();
        CompletableFuture<HttpResponse<byte[]>> call = http.sendAsync(request(body, timeout), info -> {
            CappedBody capped = new CappedBody(MAX_RESPONSE_BYTES, length(info));
            reading.set(capped);
            return capped;
        });
        try {
            HttpResponse<byte[]> answer = call.get(timeout.toNanos() + WAIT_SLACK.toNanos(), TimeUnit.NANOSECONDS);
            return Answer.received(answer, answer.body(), timeout);
        } catch (ExecutionException e) {
            return Answer.failed(e.getCause(), timeout);
        } catch (TimeoutException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt(); // someone else's interrupt: keep it for them
            }
            call.cancel(true);
            CappedBody capped = reading.get();
            if (capped != null) {
                capped.expire(); // and its connection
            }
            return Answer.failed(e instanceof TimeoutException ? e : new IOException("interrupted"), timeout);
        }
    }

    private static long length(HttpResponse.ResponseInfo info) {
        return info.headers().firstValueAsLong("Content-Length").orElse(-1);
    }

    /**
     * Exactly the three documented fields, written by Jackson's streaming generator (it escapes the
     * values) straight into a buffer of the right size: no tree of nodes, no map.
     */
    public static byte[] json(IssuedToken token, String state) {
        String jwt = token.token();
        ByteArrayOutputStream out = new ByteArrayOutputStream(jwt.length() + state.length() + 96);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("auth_token", jwt);
            g.writeNumberField("auth_token_expires_at_seconds", token.expiresAt().getEpochSecond());
            g.writeStringField("state", state);
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("could not write JSON", e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    /**
     * Stops taking deliveries; those in the background get {@code grace} to finish, and every one left
     * is reported to its observer as failed.
     */
    void close(Duration grace) {
        closing = true;
        scheduler.shutdownNow(); // retries waiting for their turn will not run
        long end = System.nanoTime() + grace.toNanos();
        for (Delivery d : background.toArray(new Delivery[0])) {
            if (!d.lastChance(end)) {
                break;
            }
        }
        bodyWatch.expireAll(); // no tick will come now
        for (Delivery d : background.toArray(new Delivery[0])) {
            d.finish(Result.failed(Failure.NOT_DELIVERED, 0, d.attempts(),
                    "stopped at shutdown before Sate accepted it"));
        }
        httpExecutor.shutdownNow();
        CallbackThreads.awaitStopped(scheduler, CallbackThreads.STOP_WAIT);
        CallbackThreads.awaitStopped(httpExecutor, CallbackThreads.STOP_WAIT);
        CallbackThreads.shutDownJdkClient(http, CallbackThreads.STOP_WAIT);
    }

    @Override
    public String toString() {
        return "CallbackClient[" + callbackUri + ", apiKey=(redacted)]";
    }
}
