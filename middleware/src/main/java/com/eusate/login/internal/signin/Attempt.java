package com.eusate.login.internal.signin;

import com.eusate.login.internal.Redact;
import java.time.Instant;

/**
 * One pending (or just decided) Sate login of this browser, as its {@link AttemptCookie} holds it.
 * {@code boundTag} is empty while unbound. {@link #toString()} shows the state as a fingerprint only.
 */
public record Attempt(String id, String state, Instant createdAt, Instant expiresAt, Phase phase, String boundTag) {
    boolean isOpen() {
        return phase == Phase.OPEN;
    }

    boolean isBound() {
        return !boundTag.isEmpty();
    }

    @Override
    public String toString() {
        return "Attempt[id=" + id + ", state=" + Redact.hash(state) + ", phase=" + phase
                + ", bound=" + isBound() + ", expiresAt=" + expiresAt + "]";
    }

    /** Where an attempt stands. */
    public enum Phase {
        OPEN('o'), ALLOWED('a'), DENIED('d');

        final char code;

        Phase(char code) {
            this.code = code;
        }

        static Phase of(String code) {
            for (Phase phase : values()) {
                if (code.length() == 1 && code.charAt(0) == phase.code) {
                    return phase;
                }
            }
            throw new IllegalArgumentException("unknown phase");
        }
    }
}
