package com.eusate.login.verify;

import com.eusate.login.internal.verify.InMemoryRevocationStore;
import com.eusate.login.internal.verify.TokenSettings;
import java.time.Duration;
import java.time.Instant;

/**
 * Remembers revoked tokens for {@link com.eusate.login.SateTokenFilter}: single tokens by id, and every token of a
 * customer issued up to a moment (on logout or a password change). {@link #inMemory()} serves one
 * node; {@link JdbcRevocationStore} shares revocations between the nodes of a cluster
 * through the app's own SQL database. Implementations must be thread-safe.
 */
public interface RevocationStore {

    /**
     * Revocations in this JVM's memory, for a single node: the token filter's default (which uses its
     * {@code max-token-ttl}). Each is forgotten once no token it covers can still be valid:
     * {@code maxTokenTtl} after a customer's cut-off, at a token's expiry. It holds at most 100,000;
     * beyond that the one that would be forgotten first goes, logged at ERROR and counted. It never
     * throws, so a logout never fails because of it.
     *
     * @param maxTokenTtl the token filter's {@code max-token-ttl}: the longest lifetime it accepts
     */
    static RevocationStore inMemory(Duration maxTokenTtl) {
        // kept for the longest leeway the token filter allows, whatever it is set to
        return new InMemoryRevocationStore(maxTokenTtl, TokenSettings.MAX_LEEWAY, InMemoryRevocationStore.DEFAULT_MAX_ENTRIES,
                java.time.Clock.systemUTC());
    }

    /** {@link #inMemory(Duration)} for tokens of any allowed lifetime: cut-offs are kept 30 days. */
    static RevocationStore inMemory() {
        return inMemory(Duration.ofDays(30));
    }

    /**
     * Revokes the token with this {@code jti}. The store may forget it after {@code expiresAt}, when
     * the token is dead anyway.
     */
    void revokeToken(String tokenId, Instant expiresAt);

    /**
     * Revokes every token of {@code subject} issued at or before {@code issuedUpTo} (compared in
     * whole seconds, as {@code iat} is). Later revocations of the same subject move the cut-off
     * forward, never back.
     */
    void revokeSubject(String subject, Instant issuedUpTo);

    /**
     * Whether the token has been revoked by id or by its subject's cut-off.
     *
     * @throws Unavailable when the store cannot tell (its database is down): the token filter then
     *                     answers 503 and lets nothing through
     */
    boolean isRevoked(VerifiedToken token);

    /**
     * Thrown by a store that cannot answer, so that the token filter fails closed with {@code 503}
     * and {@code Retry-After} instead of letting a possibly revoked token through. Its message is
     * logged: keep secrets and personal data out of it.
     */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
