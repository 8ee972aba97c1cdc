package com.eusate.login.internal.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eusate.login.MutableClock;
import com.eusate.login.signin.SateLoginEvent;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The memory of decisions: one handoff per attempt, and a bounded size however many customers
 * decide. Deny needs no token and no Sate, so these run without a server.
 */
class DecisionsTest {

    private final MutableClock clock = new MutableClock();
    private final Queue<SateLoginEvent> events = new ConcurrentLinkedQueue<>();
    private final CallbackClient callback = new CallbackClient(URI.create("http://127.0.0.1:9/callback/"),
            "sk_test_unused", clock, 0);
    private final Decisions decisions = decisions(events::add);

    private Decisions decisions(java.util.function.Consumer<SateLoginEvent> sink) {
        return new Decisions(new Handoff(subject -> {
            throw new AssertionError("a deny never issues a token");
        }, callback, new Events(sink::accept, clock), clock, Duration.ofSeconds(1), Duration.ofSeconds(1)), clock,
                Duration.ofSeconds(1));
    }

    /** Each Deny logs a line; 100,000 of them to the console would be most of this test's time. */
    private final Logger quiet = Logger.getLogger("com.eusate.login.SateLoginFilter");
    private final Level levelBefore = quiet.getLevel();

    @BeforeEach
    void quiet() {
        quiet.setLevel(Level.WARNING);
    }

    @AfterEach
    void close() {
        quiet.setLevel(levelBefore);
        callback.close();
    }

    private Attempt attempt(int n) {
        Instant now = clock.instant();
        return new Attempt(String.format("attempt-%015d", n), "st_" + n, now,
                now.plus(Duration.ofMinutes(10)), Attempt.Phase.OPEN, "");
    }

    @Test
    void aSecondDecisionOnTheSameAttemptSharesTheFirstOutcomeAndHandsOffNothingMore() {
        Attempt attempt = attempt(1);

        ConsentPage.Outcome first = decisions.decide(attempt, "alice", false);
        ConsentPage.Outcome second = decisions.decide(attempt, "alice", true);

        assertEquals(ConsentPage.Outcome.DENIED, first);
        assertEquals(ConsentPage.Outcome.DENIED, second, "the replayed Allow gets the first decision's outcome");
        assertEquals(1, events.stream().filter(e -> e.type() == SateLoginEvent.Type.DENIED).count());
    }

    @Test
    void halfAMillionDecisionsWithinTheirLifetimeKeepItsCapOfEntriesAndTheHeapItHoldsUnderTwoMegabytes() {
        Decisions many = decisions(event -> { }); // the test keeps no event: only the decisions hold memory
        long before = heapAfterCollection();
        for (int i = 0; i < 500_000; i++) {
            many.decide(attempt(i), "customer-" + (i % 2), false);
        }
        long held = heapAfterCollection() - before;

        assertEquals(Decisions.MAX_REMEMBERED, many.remembered());
        // 10,000 entries of about 150 bytes; every decision kept would be about 75 MB
        assertTrue(held < 2L * 1024 * 1024, "heap held by the decisions: " + held + " bytes");
        java.lang.ref.Reference.reachabilityFence(many);
    }

    /** The heap in use after full collections: what is still reachable, give or take a few kilobytes. */
    private static long heapAfterCollection() {
        java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    @Test
    void decisionsWhoseAttemptsHaveExpiredAreForgottenAtTheNextDecision() {
        for (int i = 0; i < 500; i++) {
            decisions.decide(attempt(i), "alice", false);
        }
        clock.advance(Duration.ofMinutes(10));

        decisions.decide(attempt(1_000), "alice", false);

        assertEquals(1, decisions.remembered());
    }
}
