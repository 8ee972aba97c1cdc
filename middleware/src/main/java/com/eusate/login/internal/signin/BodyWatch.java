package com.eusate.login.internal.signin;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Gives up the bodies that stall (on JDK 17 the request timeout bounds only the wait for the
 * headers) without a timer per attempt: a timer per attempt wakes the timer's thread twice per
 * delivery, once to schedule and once to cancel. One tick every {@link #TICK} ends the bodies past
 * their end; the tick runs only while bodies are being read, and stops after a second with none.
 * This class is thread-safe.
 */
final class BodyWatch {

    /** How late after its end a stalled body is given up, at most. */
    static final Duration TICK = Duration.ofMillis(20);
    /** Idle ticks before the tick stops (one second). */
    private static final int IDLE_TICKS = 50;

    private final ScheduledExecutorService scheduler;
    private final Set<CappedBody> watched = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean ticking = new AtomicBoolean();
    /** Touched by the tick only (the scheduler has one thread). */
    private int idleTicks;

    BodyWatch(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** Watches a body until it ends; when the scheduler has stopped (at close), nothing bounds it. */
    void watch(CappedBody body) {
        watched.add(body);
        if (!ticking.get() && ticking.compareAndSet(false, true)) {
            next();
        }
    }

    void forget(CappedBody body) {
        watched.remove(body);
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
            for (CappedBody body : watched) {
                if (now - body.endNanos >= 0) {
                    watched.remove(body);
                    body.expire();
                }
            }
        }
        next();
    }

    private void next() {
        try {
            scheduler.schedule(this::tick, TICK.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            // close() makes its last attempts without a bound; its grace period bounds them
        }
    }
}
