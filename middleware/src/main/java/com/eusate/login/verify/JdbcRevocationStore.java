package com.eusate.login.verify;

import com.eusate.login.internal.signin.LoginSettings;
import com.eusate.login.internal.verify.TokenSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A {@link RevocationStore} in the app's own SQL database, so that every node of a cluster honours a
 * revocation made on any of them. One table ({@value #DEFAULT_TABLE}; schema in
 * {@code com/eusate/login/verify/sate_revocations.sql} inside the jar, or created by
 * {@link #createTableIfMissing()}). Each check is one primary-key query; rows are purged once no
 * token they cover can still be valid. Plain, portable SQL; no vendor features.
 *
 * <p>If the database cannot be reached, {@link #isRevoked} throws {@link RevocationStore.Unavailable}
 * and the token filter answers 503: it fails closed. This class is thread-safe.
 */
public final class JdbcRevocationStore implements RevocationStore {

    static final String DEFAULT_TABLE = "sate_revocations";
    /** Expired rows are deleted after this many writes. */
    static final int PURGE_EVERY = 256;

    private final DataSource dataSource;
    private final String table;
    private final Duration maxTokenTtl;
    private final Clock clock;
    private final AtomicInteger writes = new AtomicInteger();

    /** A store in {@value #DEFAULT_TABLE}, for tokens that live at most 30 days. */
    public JdbcRevocationStore(DataSource dataSource) {
        this(dataSource, DEFAULT_TABLE, LoginSettings.MAX_TOKEN_TTL, Clock.systemUTC());
    }

    /**
     * @param table       the table name, optionally schema-qualified ({@code app.sate_revocations})
     * @param maxTokenTtl the longest token lifetime in use: how long a subject's cut-off is kept
     */
    public JdbcRevocationStore(DataSource dataSource, String table, Duration maxTokenTtl, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        if (table == null || !table.matches("([A-Za-z_][A-Za-z0-9_]{0,62}\\.)?[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("revocation-table must be a plain SQL name such as sate_revocations,"
                    + " but was [" + table + "]");
        }
        this.table = table;
        this.maxTokenTtl = Objects.requireNonNull(maxTokenTtl, "maxTokenTtl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Creates the table with the shipped schema unless it exists. */
    public JdbcRevocationStore createTableIfMissing() {
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
                return this;
            } catch (SQLException missing) {
                if (!c.getAutoCommit()) {
                    c.rollback(); // PostgreSQL aborts the transaction on the failed probe
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute(schema().replace("CREATE TABLE " + DEFAULT_TABLE, "CREATE TABLE " + table));
                if (!c.getAutoCommit()) {
                    c.commit();
                }
            }
            return this;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the revocation table [" + table + "]: SQLState "
                    + e.getSQLState() + ", " + e.getMessage(), e);
        }
    }

    /** The shipped {@code CREATE TABLE} statement, without comments. */
    static String schema() {
        try (InputStream in = JdbcRevocationStore.class.getResourceAsStream("sate_revocations.sql")) {
            String sql = new String(Objects.requireNonNull(in, "sate_revocations.sql").readAllBytes(),
                    StandardCharsets.UTF_8);
            return sql.replaceAll("(?m)^--.*$", "").strip().replaceAll(";$", "");
        } catch (IOException e) {
            throw new IllegalStateException("sate_revocations.sql is missing from the jar", e);
        }
    }

    @Override
    public void revokeToken(String tokenId, Instant expiresAt) {
        Objects.requireNonNull(tokenId, "tokenId");
        // the token filter accepts a token until exp + leeway: keep the row through the largest leeway
        long forgetAfter = expiresAt.plus(TokenSettings.MAX_LEEWAY).getEpochSecond() + 1;
        write(c -> {
            if (update(c, "UPDATE " + table + " SET expires_at = ? WHERE kind = 'jti' AND id = ? AND expires_at < ?",
                    forgetAfter, tokenId, forgetAfter) == 0) {
                insertOrRetry(c, "jti", tokenId, 0, forgetAfter, () -> 0);
            }
        });
    }

    @Override
    public void revokeSubject(String subject, Instant issuedUpTo) {
        Objects.requireNonNull(subject, "subject");
        long cutoff = issuedUpTo.getEpochSecond();
        // a token issued at the cut-off lives max-token-ttl, and is accepted a leeway longer
        long forgetAfter = issuedUpTo.plus(maxTokenTtl).plus(TokenSettings.MAX_LEEWAY.multipliedBy(2)).getEpochSecond() + 1;
        String moveForward = "UPDATE " + table + " SET cutoff = ?, expires_at = ? WHERE kind = 'sub' AND id = ?"
                + " AND cutoff < ?";
        write(c -> {
            if (update(c, moveForward, cutoff, forgetAfter, subject, cutoff) == 0) {
                insertOrRetry(c, "sub", subject, cutoff, forgetAfter,
                        () -> update(c, moveForward, cutoff, forgetAfter, subject, cutoff));
            }
        });
    }

    @Override
    public boolean isRevoked(VerifiedToken token) {
        String sql = "SELECT kind, cutoff FROM " + table + " WHERE (kind = 'jti' AND id = ?) OR (kind = 'sub' AND id = ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, token.tokenId() == null ? "" : token.tokenId());
            ps.setString(2, token.subject());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if ("jti".equals(rs.getString(1)) && token.tokenId() != null) {
                        return true;
                    }
                    if ("sub".equals(rs.getString(1)) && token.issuedAt().getEpochSecond() <= rs.getLong(2)) {
                        return true;
                    }
                }
                return false;
            }
        } catch (SQLException e) {
            throw new Unavailable("revocation check failed: SQLState " + e.getSQLState(), e);
        }
    }

    /** Deletes rows that no longer cover any live token; returns how many. */
    public int purgeExpired() {
        try (Connection c = dataSource.getConnection()) {
            return update(c, "DELETE FROM " + table + " WHERE expires_at < ?", clock.instant().getEpochSecond());
        } catch (SQLException e) {
            throw new IllegalStateException("purging expired revocations failed: SQLState " + e.getSQLState(), e);
        }
    }

    private interface Work {
        void run(Connection c) throws SQLException;
    }

    private interface Retry {
        int run() throws SQLException;
    }

    private void write(Work work) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(true);
            try {
                work.run(c);
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store the revocation: SQLState " + e.getSQLState()
                    + ", " + e.getMessage(), e);
        }
        if (writes.incrementAndGet() % PURGE_EVERY == 0) {
            purgeExpired();
        }
    }

    /** Inserts the row; if another node inserted it first (a key violation), runs {@code retry} instead. */
    private void insertOrRetry(Connection c, String kind, String id, long cutoff, long expiresAt, Retry retry)
            throws SQLException {
        try {
            update(c, "INSERT INTO " + table + " (kind, id, cutoff, expires_at) VALUES (?, ?, ?, ?)",
                    kind, id, cutoff, expiresAt);
        } catch (SQLException e) {
            if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                throw e;
            }
            retry.run();
        }
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }

    @Override
    public String toString() {
        return "JdbcRevocationStore[" + table + "]";
    }
}
