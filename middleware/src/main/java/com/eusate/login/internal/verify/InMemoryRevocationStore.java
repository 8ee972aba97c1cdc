package com.eusate.login.internal.verify;

import com.eusate.login.internal.RateLimitedLog;
import com.eusate.login.verify.RevocationStore;
import com.eusate.login.verify.VerifiedToken;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The default {@link RevocationStore}: revocations in this JVM's memory, for a single node. Each entry
 * lives only while a token it covers can still be accepted: a token id until the token's expiry, a
 * customer's cut-off for {@code maxTokenTtl} after it, each plus the leeway the filter allows. At most {@code maxEntries} are held; when full,
 * the entry that would be forgotten first makes room, which is logged at ERROR (at a bounded rate) and
 * counted. It never throws, so the app's logout never fails because of it. Checks read a concurrent
 * map without locking; writes take one lock, O(log n). For several nodes use
 * {@code JdbcRevocationStore}. This class is thread-safe.
 */
public final class InMemoryRevocationStore implements RevocationStore {

    public static final int DEFAULT_MAX_ENTRIES = 100_000;

    /** One revocation: of a token id or of a customer's tokens; {@code seq} orders ties. */
    private record Entry(boolean byTokenId, String key, Instant cutoff, Instant forgetAt, long seq) {
    }

    private final RateLimitedLog evictions = new RateLimitedLog(System.getLogger("com.eusate.login.SateTokenFilter"), 5);
    private final ConcurrentHashMap<String, Entry> tokenIds = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Entry> subjects = new ConcurrentHashMap<>();
    /**
     * Guarded by {@code this}: every entry by the time it may be forgotten, the older first among
     * equal times (cut-offs are whole seconds); replaced ones stay until polled.
     */
    private final PriorityQueue<Entry> byForgetAt = new PriorityQueue<>(
            Comparator.comparing(Entry::forgetAt).thenComparingLong(Entry::seq));
    private long nextSeq;
    private final Duration maxTokenTtl;
    private final Duration leeway;
    private final int maxEntries;
    private final Clock clock;
    private final AtomicLong evicted = new AtomicLong();

    /**
     * @param maxTokenTtl the longest token lifetime accepted ({@code max-token-ttl})
     * @param leeway      the clock skew the token filter allows: a token is accepted until {@code exp}
     *                    plus this, so its revocation is kept that much longer
     * @param maxEntries  the most revocations held at once
     */
    public InMemoryRevocationStore(Duration maxTokenTtl, Duration leeway, int maxEntries, Clock clock) {
        if (maxTokenTtl.isNegative() || maxTokenTtl.isZero()) {
            throw new IllegalArgumentException("maxTokenTtl must be positive, but was " + maxTokenTtl);
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, but was " + maxEntries);
        }
        this.maxTokenTtl = maxTokenTtl;
        this.leeway = Objects.requireNonNull(leeway, "leeway");
        this.maxEntries = maxEntries;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void revokeToken(String tokenId, Instant expiresAt) {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Instant forgetAt = expiresAt.plus(leeway);
        if (forgetAt.isAfter(clock.instant())) {
            add(true, tokenId, Instant.MAX, forgetAt);
        }
    }

    @Override
    public void revokeSubject(String subject, Instant issuedUpTo) {
        Objects.requireNonNull(subject, "subject");
        Instant cutoff = Instant.ofEpochSecond(issuedUpTo.getEpochSecond());
        // a token issued at the cut-off lives max-token-ttl (+ leeway) and is accepted until leeway after
        add(false, subject, cutoff, cutoff.plus(maxTokenTtl).plus(leeway.multipliedBy(2)));
    }

    @Override
    public boolean isRevoked(VerifiedToken token) {
        if (token.tokenId() != null && tokenIds.containsKey(token.tokenId())) {
            return true;
        }
        Entry entry = subjects.get(token.subject());
        return entry != null && token.issuedAt().getEpochSecond() <= entry.cutoff().getEpochSecond();
    }

    /** Revocations currently held. */
    public int size() {
        return tokenIds.size() + subjects.size();
    }

    /** Live revocations dropped to make room since the store was made. */
    public long evicted() {
        return evicted.get();
    }

    private synchronized void add(boolean byTokenId, String key, Instant cutoff, Instant forgetAt) {
        Entry entry = new Entry(byTokenId, key, cutoff, forgetAt, nextSeq++);
        Entry kept = (byTokenId ? tokenIds : subjects).merge(key, entry, InMemoryRevocationStore::later);
        if (kept != entry) {
            return; // an existing revocation already covers more
        }
        byForgetAt.add(entry);
        if (byForgetAt.size() > 2 * maxEntries) {
            // replaced entries pile up when the same customers log out again and again: start afresh
            byForgetAt.clear();
            byForgetAt.addAll(tokenIds.values());
            byForgetAt.addAll(subjects.values());
        }
        Instant now = clock.instant();
        Entry first;
        while ((first = byForgetAt.peek()) != null
                && (!first.forgetAt().isAfter(now) || size() > maxEntries)) {
            byForgetAt.poll();
            if ((first.byTokenId() ? tokenIds : subjects).remove(first.key(), first) && first.forgetAt().isAfter(now)) {
                evicted.incrementAndGet();
                evictions.log(Level.ERROR, "The in-memory revocation store is full ({0} live revocations): dropped"
                        + " the one that would have expired first, at {1}. Raise its size or use JdbcRevocationStore",
                        maxEntries, first.forgetAt());
            }
        }
    }

    /** Of two revocations of one key, the one that covers more: the later cut-off, or the later expiry. */
    private static Entry later(Entry a, Entry b) {
        int byCutoff = a.cutoff().compareTo(b.cutoff());
        if (byCutoff != 0) {
            return byCutoff > 0 ? a : b;
        }
        return a.forgetAt().isAfter(b.forgetAt()) ? a : b;
    }

    @Override
    public String toString() {
        return "InMemoryRevocationStore[" + size() + " entries]";
    }
}
