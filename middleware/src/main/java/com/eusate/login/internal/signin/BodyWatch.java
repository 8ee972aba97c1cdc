package com.eusate.login.internal.signin;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Gives up the bodies that stall (on JDK 17 the request timeout bounds only the wait for the
 * headers) without a timer per attempt: a timer per attempt wakes the timer's thread on every
 * delivery. One tick every {@link #TICK} ends the bodies past
 * their end; the tick runs only while bodies are being read, and stops after a second with none.
 * This class is thread-safe.
 */
final class BodyWatch {

    /** How late after its end a stalled body is given up, at most. */
    static final Duration TICK = Duration.ofMillis(50);
    /** Idle ticks before the tick stops (one second). */
    private static final int IDLE_TICKS = 20;

    private final ScheduledExecutorService scheduler;
    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean ticking = new AtomicBoolean();
    /** Touched by the tick only (the scheduler has one thread). */
    private int idleTicks;

    BodyWatch(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** A body being read: its future, ended with a {@link TimeoutException} at {@code endNanos}. */
    private static final class Watched {
        final CompletableFuture<?> body;
        final long endNanos;
        /** When the body is ours, also cuts its connection. */
        final CappedBody capped;

        Watched(CompletableFuture<?> body, long endNanos, CappedBody capped) {
            this.body = body;
            this.endNanos = endNanos;
            this.capped = capped;
        }

        void expire() {
            if (capped != null) {
                capped.expire();
            } else {
                body.completeExceptionally(new TimeoutException());
            }
        }
    }

    /**
     * Watches a body until it ends, and ends it with a {@link TimeoutException} if it has not by
     * {@code endNanos}. When the scheduler has stopped (at close), {@link #expireAll} ends it.
     */
    <T> HttpResponse.BodySubscriber<T> watch(HttpResponse.BodySubscriber<T> subscriber, long endNanos) {
        CompletableFuture<T> body = subscriber.getBody().toCompletableFuture();
        Watched w = new Watched(body, endNanos, subscriber instanceof CappedBody c ? c : null);
        watched.add(w);
        body.whenComplete((result, error) -> watched.remove(w));
        if (!ticking.get() && ticking.compareAndSet(false, true)) {
            next();
        }
        return subscriber;
    }

    private void tick() {
        if (watched.isEmpty()) {
            if (++idleTicks >= IDLE_TICKS) {
                idleTicks = 0;
                ticking.set(false);
                if (watched.isEmpty() || !ticking.compareAndSet(false, true)) {
                    return; // a body watched from now on starts the tick again
                }
            }
        } else {
            idleTicks = 0;
            long now = System.nanoTime();
            for (Watched w : watched) {
                if (now - w.endNanos >= 0) {
                    watched.remove(w);
                    w.expire();
                }
            }
        }
        next();
    }

    /** At close, once no tick will come: ends every body still being read, and its connection. */
    void expireAll() {
        for (Watched w : watched) {
            watched.remove(w);
            w.expire();
        }
    }

    private void next() {
        try {
            scheduler.schedule(this::tick, TICK.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            // close() bounds its last attempts itself, then calls expireAll()
        }
    }
}
