package com.eusate.login.internal.signin;

import com.eusate.login.internal.Redact;
import com.eusate.login.signin.SateLoginEvent;
import com.eusate.login.signin.SateLoginEvent.Failure;
import com.eusate.login.signin.SateLoginEvent.Type;
import com.eusate.login.signin.SateLoginListener;
import com.eusate.login.signin.SateLoginStats;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * Tells the app's {@link SateLoginListener} what happened, and counts it for
 * {@link SateLoginStats}. The state appears only as its fingerprint. This class is thread-safe.
 */
final class Events {

    private final SateLoginListener listener;
    private final Clock clock;
    private final LongAdder[] counters = new LongAdder[Type.values().length];
    private final LongAdder badApiKey = new LongAdder();

    Events(SateLoginListener listener, Clock clock) {
        this.listener = listener;
        this.clock = clock;
        for (int i = 0; i < counters.length; i++) {
            counters[i] = new LongAdder();
        }
    }

    void emit(Type type, String state, String subject, String detail) {
        emit(type, state, subject, 0, 0, detail, null);
    }

    void emit(Type type, String state, String subject, int status, int attempt, String detail, Failure failure) {
        counters[type.ordinal()].increment();
        if (failure == Failure.BAD_API_KEY) {
            badApiKey.increment();
        }
        if (listener == null) {
            return;
        }
        try {
            listener.onEvent(new SateLoginEvent(type, clock.instant(), state == null ? null : Redact.hash(state),
                    subject, status, attempt, detail, failure));
        } catch (RuntimeException | LinkageError e) {
            LoginFlow.LOG.log(Level.WARNING, "A SateLoginListener threw {0}; ignored", Handoff.describe(e));
        }
    }

    SateLoginStats stats(IntSupplier inBackground) {
        return new SateLoginStats(count(Type.STATE_CAPTURED), count(Type.STATE_REJECTED), count(Type.CONSENT_SHOWN),
                count(Type.ALLOWED), count(Type.DENIED), count(Type.RETRIED), count(Type.DEFERRED),
                count(Type.DELIVERED), count(Type.FAILED), badApiKey.sum(), inBackground.getAsInt());
    }

    private long count(Type type) {
        return counters[type.ordinal()].sum();
    }
}
