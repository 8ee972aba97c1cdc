package com.eusate.login.internal.signin;

import static com.eusate.login.internal.signin.CallbackClient.ATTEMPT_TIMEOUT;

import com.eusate.login.internal.signin.CallbackClient.Result;
import com.eusate.login.internal.signin.RetryPolicy.Answer;
import com.eusate.login.internal.signin.RetryPolicy.Verdict;
import com.eusate.login.signin.SateLoginEvent.Failure;
import com.eusate.login.signin.SateLoginEvent.Type;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * One token on its way to Sate, and its retry loop: attempt; stop on a final answer or at the
 * deadline; else wait and attempt again. The loop starts on the customer's thread, for as long as
 * they wait; what is left of it then goes on in the background without holding a thread, until the
 * deadline (monotonic clock). Both halves run the same step, {@link #next}; they differ only in how
 * they send and wait. A delivery is driven by one thread at a time.
 */
final class Delivery {

    private final CallbackClient client;
    private final byte[] body;
    private final String token;
    private final String state;
    private final long deadlineNanos;
    private final CallbackClient.Observer observer;
    private final RetryPolicy.Memory memory = new RetryPolicy.Memory();
    private volatile int attempts;
    /** The background attempt on the wire, if any; guarded by this. */
    private CompletableFuture<?> inFlight;
    /** Set at shutdown: no more background attempts start; guarded by this. */
    private boolean stopped;

    Delivery(CallbackClient client, byte[] body, String token, String state, Duration deadline,
             CallbackClient.Observer observer) {
        this.client = client;
        this.body = body;
        this.token = token;
        this.state = state;
        this.deadlineNanos = System.nanoTime() + deadline.toNanos();
        this.observer = observer;
    }

    int attempts() {
        return attempts;
    }

    /** Runs the loop on this thread for at most {@code wait}; then hands the rest to the background. */
    Result runFor(Duration wait) {
        long waitEnd = Math.min(System.nanoTime() + wait.toNanos(), deadlineNanos);
        while (true) {
            Verdict v;
            if (attempts == 0 || waitEnd - System.nanoTime() >= ATTEMPT_TIMEOUT.toNanos() || waitEnd >= deadlineNanos) {
                v = next(attemptHere(waitEnd)); // the first attempt, or one that fits in the wait: the fast path
            } else {
                // The attempt may outlive the customer's wait. Cutting it off then would leave Sate's answer
                // unknown and make the retry a possible duplicate: the background waits for its answer.
                CompletableFuture<HttpResponse<byte[]>> call = send();
                Duration timeout = timeout(deadlineNanos);
                try {
                    v = next(Answer.of(call.get(Math.max(0, waitEnd - System.nanoTime()), TimeUnit.NANOSECONDS),
                            null, timeout));
                } catch (TimeoutException | InterruptedException stillWaiting) {
                    if (stillWaiting instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                    }
                    return handOver(0, "no answer within the customer's wait", call, () -> {
                        follow(call, timeout);
                        return true;
                    });
                } catch (ExecutionException e) {
                    v = next(Answer.failed(e.getCause(), timeout));
                }
            }
            if (v.isFinal()) {
                return v.result();
            }
            Duration delay = v.delay();
            if (System.nanoTime() + delay.toNanos() > waitEnd) {
                return handOver(v.status(), v.reason(), null, () -> schedule(delay));
            }
            if (!sleep(delay)) {
                return failed(v.status(), v.reason() + "; interrupted");
            }
        }
    }

    /**
     * The loop's step: judges an attempt's answer. Returns an end, or a retry after a delay that fits
     * in the deadline, announced to the observer.
     */
    private Verdict next(Answer answer) {
        Verdict v = client.policy.judge(answer, attempts, memory, token, state, client.apiKey);
        if (v.isFinal()) {
            return v;
        }
        if (System.nanoTime() + v.delay().toNanos() > deadlineNanos) {
            Result end = failed(v.status(), v.reason() + "; deadline reached");
            return new Verdict(end, null, end.status(), end.detail());
        }
        observer.retrying(attempts, v.status(), v.reason());
        return v;
    }

    /**
     * Lets the background go on with the loop: {@code start} follows the attempt on the wire or
     * schedules the next. Fails at once when shutting down or when the background is full.
     */
    private Result handOver(int status, String reason, CompletableFuture<?> onTheWire, BooleanSupplier start) {
        String late = onTheWire == null ? "" : " (Sate may still accept this attempt)";
        if (client.closing || client.background.size() >= client.maxBackground) {
            if (onTheWire != null) {
                onTheWire.cancel(true);
            }
            return failed(status, reason + (client.closing ? "; shutting down" : "; " + client.maxBackground
                    + " deliveries already retrying in the background") + late);
        }
        client.background.add(this);
        synchronized (this) {
            if (!start.getAsBoolean()) {
                client.background.remove(this);
                return failed(status, reason + "; shutting down");
            }
        }
        return new Result(Type.DEFERRED, null, status, attempts, reason + (onTheWire == null
                ? "; retrying in the background" : "; waiting for its answer in the background"));
    }

    /** One attempt in the background: its answer takes the next step. */
    private void attemptInBackground() {
        try {
            synchronized (this) {
                if (!stopped) { // else the shutdown reports it
                    follow(send(), timeout(deadlineNanos));
                }
            }
        } catch (RuntimeException | Error e) {
            failInBackground(e);
        }
    }

    /** An error of ours in the background ends the delivery as failed instead of leaving it stuck. */
    private void failInBackground(Throwable e) {
        if (e instanceof VirtualMachineError fatal) {
            throw fatal;
        }
        finish(failed(0, "stopped by " + Handoff.describe(e)));
    }

    /** Lets the answer of an attempt on the wire take the loop's next step; guarded by this. */
    private void follow(CompletableFuture<HttpResponse<byte[]>> call, Duration timeout) {
        inFlight = call.whenComplete((response, error) -> {
            try {
                Verdict v = next(Answer.of(response,
                        error instanceof CompletionException c && c.getCause() != null ? c.getCause() : error,
                        timeout));
                if (v.isFinal()) {
                    finish(v.result());
                } else if (!schedule(v.delay())) {
                    finish(failed(v.status(), v.reason() + "; stopped at shutdown"));
                }
            } catch (RuntimeException | Error e) {
                failInBackground(e);
            }
        });
    }

    /** Schedules the next background attempt; false when shutting down (the shutdown reports it). */
    private boolean schedule(Duration delay) {
        try {
            client.scheduler.schedule(this::attemptInBackground, delay.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (RejectedExecutionException shutDown) {
            return false;
        }
    }

    /** Reports the end of a background delivery, exactly once. */
    void finish(Result result) {
        if (client.background.remove(this)) {
            observer.finishedInBackground(result);
        }
    }

    /**
     * At shutdown: waits for the attempt on the wire, or makes a last one in place of the retry it
     * was waiting for. False when no time is left.
     */
    boolean lastChance(long endNanos) {
        CompletableFuture<?> onTheWire;
        synchronized (this) {
            stopped = true;
            onTheWire = inFlight;
        }
        long left = endNanos - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        if (!client.background.contains(this)) {
            return true; // it finished after close() listed it: nothing more to send or report
        }
        if (onTheWire != null && !onTheWire.isDone()) {
            try {
                onTheWire.get(left, TimeUnit.NANOSECONDS); // its answer finishes it
            } catch (ExecutionException | TimeoutException e) {
                // reported by the shutdown if it did not finish
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        } else {
            attempts++;
            Answer answer = client.sendAtShutdown(body, timeout(endNanos));
            Verdict v = client.policy.judge(answer, attempts, memory, token, state, client.apiKey);
            finish(v.isFinal() ? v.result() : failed(v.status(), v.reason() + "; stopped at shutdown"));
        }
        return true;
    }

    private Answer attemptHere(long endNanos) {
        attempts++;
        return client.sendHere(body, timeout(endNanos));
    }

    private CompletableFuture<HttpResponse<byte[]>> send() {
        attempts++;
        return client.sendAsync(body, timeout(deadlineNanos));
    }

    /** The next attempt's timeout: until {@code endNanos} or the deadline, at most one attempt's. */
    private Duration timeout(long endNanos) {
        long left = Math.min(endNanos, deadlineNanos) - System.nanoTime();
        return Duration.ofNanos(Math.max(1_000_000, Math.min(left, ATTEMPT_TIMEOUT.toNanos())));
    }

    private Result failed(int status, String detail) {
        return Result.failed(Failure.NOT_DELIVERED, status, attempts, detail);
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
}
