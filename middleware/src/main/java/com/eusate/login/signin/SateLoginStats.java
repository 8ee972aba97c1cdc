package com.eusate.login.signin;

/**
 * Counters of one {@link com.eusate.login.SateLoginFilter} since it started, for metrics; see
 * {@code SateLoginFilter.stats()}. Each counts the {@link SateLoginEvent}s of that type. A snapshot:
 * immutable and thread-safe.
 *
 * @param inBackground deliveries retrying in the background right now
 */
public record SateLoginStats(long captured, long rejectedStates, long consentShown, long allowed, long denied,
                             long retried, long deferred, long delivered, long failed, long badApiKey,
                             int inBackground) {
}
