package com.eusate.login.verify;

import java.util.Map;

/**
 * Counters of one {@link com.eusate.login.SateTokenFilter} since it started, for metrics and for an
 * operator asking why Sate's calls fail; see {@code SateTokenFilter.stats()} and
 * {@code SateTokenFilter.stats(servletContext)}. A snapshot: immutable and thread-safe.
 *
 * @param accepted           requests let through with a valid token
 * @param passedWithoutToken requests without a token let through to the app's own authentication
 *                           ({@code when-no-token=pass})
 * @param refused            requests answered 401, for any reason
 * @param refusedByReason    those 401s by reason: {@code missing}, {@code malformed}, {@code expired},
 *                           {@code bad_signature}, {@code unknown_key}, {@code revoked}, ...
 * @param storeUnavailable   requests answered 503 because the revocation store could not answer
 * @param revocationsDropped revocations the in-memory store dropped, while still live, to make room
 */
public record SateTokenStats(long accepted, long passedWithoutToken, long refused, Map<String, Long> refusedByReason,
                             long storeUnavailable, long revocationsDropped) {

    public SateTokenStats {
        refusedByReason = Map.copyOf(refusedByReason);
    }

    /** Tokens refused because they were revoked. */
    public long revoked() {
        return refusedByReason.getOrDefault("revoked", 0L);
    }
}
