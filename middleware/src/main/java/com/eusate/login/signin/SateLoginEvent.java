package com.eusate.login.signin;

import java.time.Instant;

/**
 * Something that happened to one login attempt, as a {@link SateLoginListener} receives it. Carries
 * no secret: the state appears only as a short fingerprint, the token and API key never. Immutable
 * and thread-safe.
 *
 * @param type       what happened
 * @param at         when
 * @param stateHash  fingerprint of the state ({@code #1a2b3c4d}), the same in the filter's log lines
 * @param subject    the signed-in customer, or null before login
 * @param httpStatus Sate's answer for delivery events, else 0 (also 0 for a network failure)
 * @param attempt    the delivery attempt (1, 2, ...), else 0
 * @param detail     a short human-readable reason, safe to log
 * @param failure    why a {@link Type#FAILED} delivery failed, else null
 */
public record SateLoginEvent(Type type, Instant at, String stateHash, String subject,
                             int httpStatus, int attempt, String detail, Failure failure) {

    /** Why a login could not be delivered. */
    public enum Failure {
        /** Sate answered 400: it refused the state or the data. */
        REJECTED_BY_SATE,
        /** Sate answered 403: the API key is wrong or lacks access; a configuration problem. */
        BAD_API_KEY,
        /** Sate could not be reached or kept failing until the deadline, or answered unexpectedly. */
        NOT_DELIVERED,
        /** The token issuer failed. */
        TOKEN_NOT_ISSUED
    }

    /** The kinds of event, in the order a login meets them. */
    public enum Type {
        /** A valid state arrived on a login path and was kept for this browser. */
        STATE_CAPTURED,
        /** A state was malformed, expired or tampered with, and was dropped. */
        STATE_REJECTED,
        /** The signed-in customer was shown the consent page. */
        CONSENT_SHOWN,
        /** The customer allowed Sate to act for them (or consent is off). */
        ALLOWED,
        /** The customer denied; nothing was sent to Sate. */
        DENIED,
        /** A delivery attempt failed in a way worth retrying; another attempt follows. */
        RETRIED,
        /**
         * Sate did not accept the token within {@code callback-timeout}; the delivery goes on in the
         * background until {@code delivery-deadline}, ending in {@link #DELIVERED} or {@link #FAILED}.
         */
        DEFERRED,
        /** Sate accepted the token. */
        DELIVERED,
        /** The token could not be delivered; the customer was told. */
        FAILED
    }
}
