package com.eusate.login;

import java.time.Instant;

/**
 * Something that happened to one login attempt. Carries no secret: the state appears only as a
 * short fingerprint, the token and API key never.
 *
 * @param type       what happened
 * @param at         when
 * @param stateHash  fingerprint of the state ({@code #1a2b3c4d}), the same in the filter's log lines
 * @param subject    the signed-in customer, or null before login
 * @param httpStatus Sate's answer for delivery events, else 0 (also 0 for a network failure)
 * @param attempt    the delivery attempt (1, 2, ...), else 0
 * @param detail     a short human-readable reason, safe to log
 */
public record SateLoginEvent(Type type, Instant at, String stateHash, String subject,
                             int httpStatus, int attempt, String detail) {

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
        /** Sate accepted the token. */
        DELIVERED,
        /** The token could not be delivered; the customer was told. */
        FAILED
    }
}
