package com.eusate.login.internal.verify;

import com.eusate.login.internal.signin.LoginSettings;
import com.eusate.login.verify.RevocationStore;
import com.eusate.login.verify.VerifiedToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default {@link RevocationStore}: revocations in this JVM's memory, for a single node. Entries
 * are dropped once no token they cover can still be valid, and the store holds at most
 * {@code maxEntries}; when full of live entries, a revocation fails loudly rather than silently
 * forgetting another. For several nodes use {@code JdbcRevocationStore}. This class is thread-safe.
 */
public final class InMemoryRevocationStore implements RevocationStore {

    static final int DEFAULT_MAX_ENTRIES = 100_000;

    private record Entry(Instant cutoff, Instant forgetAfter) {
    }

    private final ConcurrentHashMap<String, Instant> tokens = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Entry> subjects = new ConcurrentHashMap<>();
    private final Duration maxTokenTtl;
    private final int maxEntries;
    private final Clock clock;

    /** A store for tokens that live at most {@link LoginSettings#MAX_TOKEN_TTL}. */
    public InMemoryRevocationStore() {
        this(LoginSettings.MAX_TOKEN_TTL, DEFAULT_MAX_ENTRIES, Clock.systemUTC());
    }

    /**
     * @param maxTokenTtl the longest token lifetime in use: how long a subject's cut-off is kept
     * @param maxEntries  the most revocations held at once
     */
    public InMemoryRevocationStore(Duration maxTokenTtl, int maxEntries, Clock clock) {
        if (maxTokenTtl.isNegative() || maxTokenTtl.isZero()) {
            throw new IllegalArgumentException("maxTokenTtl must be positive, but was " + maxTokenTtl);
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, but was " + maxEntries);
        }
        this.maxTokenTtl = maxTokenTtl;
        this.maxEntries = maxEntries;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void revokeToken(String tokenId, Instant expiresAt) {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (expiresAt.isBefore(clock.instant())) {
            return; // already dead
        }
        makeRoom();
        tokens.merge(tokenId, expiresAt, (a, b) -> a.isAfter(b) ? a : b);
    }

    @Override
    public void revokeSubject(String subject, Instant issuedUpTo) {
        Objects.requireNonNull(subject, "subject");
        Instant cutoff = Instant.ofEpochSecond(issuedUpTo.getEpochSecond());
        makeRoom();
        subjects.merge(subject, new Entry(cutoff, cutoff.plus(maxTokenTtl)),
                (a, b) -> a.cutoff().isAfter(b.cutoff()) ? a : b);
    }

    @Override
    public boolean isRevoked(VerifiedToken token) {
        if (token.tokenId() != null && tokens.containsKey(token.tokenId())) {
            return true;
        }
        Entry entry = subjects.get(token.subject());
        return entry != null && token.issuedAt().getEpochSecond() <= entry.cutoff().getEpochSecond();
    }

    /** Revocations currently held. */
    public int size() {
        return tokens.size() + subjects.size();
    }

    private void makeRoom() {
        if (size() < maxEntries) {
            return;
        }
        Instant now = clock.instant();
        tokens.values().removeIf(expiresAt -> expiresAt.isBefore(now));
        subjects.values().removeIf(e -> e.forgetAfter().isBefore(now));
        if (size() >= maxEntries) {
            throw new IllegalStateException("InMemoryRevocationStore holds " + maxEntries + " live revocations;"
                    + " raise maxEntries or use JdbcRevocationStore");
        }
    }

    @Override
    public String toString() {
        return "InMemoryRevocationStore[" + size() + " entries]";
    }
}
