package com.eusate.login.signin;

/**
 * Counters of one {@link SateLoginFilter} since it started, for metrics; see
 * {@link SateLoginFilter#stats()}. Each counts the {@link SateLoginEvent}s of that type.
 *
 * @param inBackground deliveries retrying in the background right now
 */
public record SateLoginStats(long captured, long rejectedStates, long consentShown, long allowed, long denied,
                             long retried, long deferred, long delivered, long failed, long badApiKey,
                             int inBackground) {
}
