package com.eusate.login.internal.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Uses a pending state once: clears it, then hands it off. A second decision on the same attempt on
 * this node (a double-click, a replayed form) waits for and shares the first one's outcome, so Sate
 * receives the token once. This class is thread-safe.
 */
final class Decisions {

    /** Concurrent decisions remembered per node. */
    private static final int MAX_DECISIONS = 10_000;

    private record Decision(CompletableFuture<ConsentPage.Outcome> outcome, Instant expiresAt) {
    }

    private final PendingStates pendingStates;
    private final Handoff handoff;
    private final Clock clock;
    private final ConcurrentHashMap<String, Decision> decisions = new ConcurrentHashMap<>();

    Decisions(PendingStates pendingStates, Handoff handoff, Clock clock) {
        this.pendingStates = pendingStates;
        this.handoff = handoff;
        this.clock = clock;
    }

    ConsentPage.Outcome decide(HttpServletRequest request, HttpServletResponse response,
                               PendingStates.Pending pending, String subject, boolean allow) {
        pendingStates.clear(request, response, pending);
        purge();
        Decision mine = new Decision(new CompletableFuture<>(), pending.expiresAt());
        Decision first = decisions.putIfAbsent(pending.attemptId(), mine);
        if (first != null) {
            try {
                return first.outcome().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ConsentPage.Outcome.FAILED;
            } catch (ExecutionException e) {
                return ConsentPage.Outcome.FAILED;
            }
        }
        ConsentPage.Outcome outcome = ConsentPage.Outcome.FAILED;
        try {
            outcome = allow ? handoff.allowed(pending, subject) : handoff.denied(pending, subject);
        } finally {
            mine.outcome().complete(outcome);
        }
        return outcome;
    }

    private void purge() {
        if (decisions.size() >= MAX_DECISIONS) {
            Instant now = clock.instant();
            decisions.values().removeIf(d -> d.expiresAt().isBefore(now));
        }
    }
}
