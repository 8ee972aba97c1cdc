package com.eusate.login.verify;

import com.eusate.login.internal.verify.InMemoryRevocationStore;
import java.time.Instant;

/**
 * Remembers revoked tokens for {@link com.eusate.login.SateTokenFilter}: single tokens by id, and every token of a
 * customer issued up to a moment (on logout or a password change). {@link #inMemory()} serves one
 * node; {@link JdbcRevocationStore} shares revocations between the nodes of a cluster
 * through the app's own SQL database. Implementations must be thread-safe.
 */
public interface RevocationStore {

    /**
     * Revocations in this JVM's memory, for a single node: the default. It holds at most 100,000 live
     * revocations and forgets each once no token it covers can still be valid.
     */
    static RevocationStore inMemory() {
        return new InMemoryRevocationStore();
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

    /** Whether the token has been revoked by id or by its subject's cut-off. */
    boolean isRevoked(VerifiedToken token);
}
