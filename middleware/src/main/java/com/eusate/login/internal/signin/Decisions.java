package com.eusate.login.internal.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Hands each attempt off once. A second decision on the same attempt on this node (a double-click, a
 * form replayed with the open cookie put back) waits for and shares the first one's outcome, so Sate
 * receives the token once. A decision is remembered until its attempt's state expires (after that a
 * replayed cookie is only told that the link expired), and at most {@link #MAX_REMEMBERED} at once:
 * the oldest go first, in O(1) per decision. This class is thread-safe.
 */
final class Decisions {

    static final int MAX_REMEMBERED = 10_000;

    private record Decision(String attemptId, CompletableFuture<ConsentPage.Outcome> outcome, Instant forgetAt) {
    }

    private final Handoff handoff;
    private final Clock clock;
    /** How long a repeated decision waits for the first one: its issue and its wait for Sate, and more. */
    private final Duration patience;
    /** Guarded by {@code this}; the queue holds the same decisions in the order they were made. */
    private final Map<String, Decision> byAttempt = new HashMap<>();
    private final ArrayDeque<Decision> inOrder = new ArrayDeque<>();

    Decisions(Handoff handoff, Clock clock, Duration callbackTimeout) {
        this.handoff = handoff;
        this.clock = clock;
        this.patience = callbackTimeout.plusSeconds(10);
    }

    ConsentPage.Outcome decide(Attempt attempt, String subject, boolean allow) {
        Decision mine = new Decision(attempt.id(), new CompletableFuture<>(), attempt.expiresAt());
        Decision first;
        synchronized (this) {
            forgetOld(clock.instant());
            first = byAttempt.putIfAbsent(attempt.id(), mine);
            if (first == null) {
                inOrder.addLast(mine);
            }
        }
        if (first != null) {
            try {
                return first.outcome().get(patience.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ConsentPage.Outcome.FAILED;
            } catch (ExecutionException | TimeoutException e) {
                return ConsentPage.Outcome.FAILED; // the first one is stuck (an issuer of the app's that hangs)
            }
        }
        ConsentPage.Outcome outcome = ConsentPage.Outcome.FAILED;
        try {
            outcome = allow ? handoff.allowed(attempt, subject) : handoff.denied(attempt, subject);
        } finally {
            mine.outcome().complete(outcome);
        }
        return outcome;
    }

    /** How many decisions are remembered now. */
    synchronized int remembered() {
        return byAttempt.size();
    }

    /**
     * Attempts are made with one TTL, so the queue is close to expiry order: stop at the first one
     * kept. One still being handed off is kept even beyond the cap, so that it is never made twice.
     */
    private void forgetOld(Instant now) {
        Decision oldest;
        while ((oldest = inOrder.peekFirst()) != null && oldest.outcome().isDone()
                && (byAttempt.size() >= MAX_REMEMBERED || !oldest.forgetAt().isAfter(now))) {
            inOrder.removeFirst();
            byAttempt.remove(oldest.attemptId(), oldest);
        }
    }
}
