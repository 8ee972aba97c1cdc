package com.eusate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.algorithms.Algorithm;
import com.eusate.login.internal.Hmac;
import com.eusate.login.verify.JdbcRevocationStore;
import com.eusate.login.verify.RevocationStore;
import com.eusate.login.verify.SateTokenConfig;
import com.eusate.login.verify.VerifiedToken;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * JdbcRevocationStore on real databases: embedded H2 in every run, and PostgreSQL where a server is
 * given through SATE_TEST_POSTGRES_URL / _USER / _PASSWORD (.ci/run starts one; see .ci/postgres.sh).
 */
class JdbcRevocationStoreTest {

    static final String POSTGRES_URL = System.getenv("SATE_TEST_POSTGRES_URL");

    static Stream<String> databases() {
        return Stream.of("h2", "postgresql");
    }

    /** A fresh table on the named database; PostgreSQL is skipped, saying so, where none is given. */
    private static JdbcRevocationStore freshStore(String database, String table, Clock clock) throws Exception {
        DataSource ds = dataSource(database);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
        }
        return new JdbcRevocationStore(ds, table, Duration.ofDays(1), clock).createTableIfMissing();
    }

    static DataSource dataSource(String database) {
        if (database.equals("h2")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:sate;DB_CLOSE_DELAY=-1");
            return h2;
        }
        Skips.unless(POSTGRES_URL != null, "JdbcRevocationStoreTest on PostgreSQL", "SATE_TEST_POSTGRES_URL is not set;"
                + " to run it: eval \"$(.ci/postgres.sh)\" (what .ci/run does), then mvn again");
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(POSTGRES_URL);
        pg.setUser(System.getenv("SATE_TEST_POSTGRES_USER"));
        pg.setPassword(System.getenv("SATE_TEST_POSTGRES_PASSWORD"));
        return pg;
    }

    private static VerifiedToken token(String subject, String jti, Instant issuedAt) {
        return new VerifiedToken(subject, jti, "k", issuedAt, issuedAt.plusSeconds(3600), Map.of());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void revokesByIdAndBySubjectCutOffWhichOnlyMovesForward(String database) throws Exception {
        JdbcRevocationStore store = freshStore(database, "sate_rev_semantics", Clock.systemUTC());
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        store.revokeToken("jti-1", t0.plusSeconds(3600));
        store.revokeToken("jti-1", t0.plusSeconds(3600)); // twice is fine
        store.revokeSubject("alice", t0);
        store.revokeSubject("alice", t0.minusSeconds(100)); // an older cut-off never moves it back

        assertTrue(store.isRevoked(token("zed", "jti-1", t0)));
        assertTrue(store.isRevoked(token("alice", "jti-2", t0)), "issued in the cut-off second");
        assertTrue(store.isRevoked(token("alice", "jti-3", t0.minusSeconds(50))));
        assertFalse(store.isRevoked(token("alice", "jti-4", t0.plusSeconds(1))));
        assertFalse(store.isRevoked(token("bob", "jti-5", t0.minusSeconds(50))));
        assertFalse(store.isRevoked(token("bob", null, t0)));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void expiredRowsArePurged(String database) throws Exception {
        MutableClock clock = new MutableClock();
        JdbcRevocationStore store = freshStore(database, "sate_rev_purge", clock);
        store.revokeToken("short", clock.instant().plusSeconds(60));
        store.revokeSubject("alice", clock.instant());
        clock.advance(Duration.ofDays(2));

        assertEquals(2, store.purgeExpired());
        assertFalse(store.isRevoked(token("x", "short", clock.instant().minusSeconds(3600))));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void twoNodesSharingTheStoreHonourEachOthersRevocations(String database) throws Exception {
        String secret = "cluster-shared-secret-" + UUID.randomUUID();
        freshStore(database, "sate_rev_cluster", Clock.systemUTC());
        SateTokenConfig.Builder node = SateTokenConfig.builder().signingSecret(secret);
        try (FunctionApp nodeA = new FunctionApp(new SateTokenFilter(node.revocationStore(new JdbcRevocationStore(
                     dataSource(database), "sate_rev_cluster", Duration.ofDays(1), Clock.systemUTC())).build()));
             FunctionApp nodeB = new FunctionApp(new SateTokenFilter(node.revocationStore(new JdbcRevocationStore(
                     dataSource(database), "sate_rev_cluster", Duration.ofDays(1), Clock.systemUTC())).build()))) {
            String token = SateTokenFilterTest.signed(Algorithm.HMAC256(secret),
                    Hmac.keyIdOf(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    t -> t.withIssuedAt(Instant.now().minusSeconds(5)));
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest onB = HttpRequest.newBuilder(nodeB.baseUrl().resolve("/api/whoami"))
                    .header("Authorization", "Bearer " + token).build();
            assertEquals(200, http.send(onB, HttpResponse.BodyHandlers.discarding()).statusCode());

            HttpRequest logoutOnA = HttpRequest.newBuilder(nodeA.baseUrl().resolve("/logout?user=alice"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
            assertEquals(204, http.send(logoutOnA, HttpResponse.BodyHandlers.discarding()).statusCode());

            assertEquals(401, http.send(onB, HttpResponse.BodyHandlers.discarding()).statusCode(),
                    "node B refuses the token that node A's logout revoked");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void unreachableDatabaseFailsClosed(String database) throws Exception {
        DataSource broken = dataSource(database);
        JdbcRevocationStore store = new JdbcRevocationStore(broken, "sate_rev_no_such_table", Duration.ofDays(1),
                Clock.systemUTC());
        assertThrows(RevocationStore.Unavailable.class,
                () -> store.isRevoked(token("alice", "j", Instant.now())));
    }

    @org.junit.jupiter.api.Test
    void tableNameIsValidated() {
        DataSource h2 = dataSource("h2");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new JdbcRevocationStore(h2, "x; DROP TABLE users", Duration.ofDays(1), Clock.systemUTC()));
        assertTrue(e.getMessage().contains("revocation-table must be a plain SQL name"), e.getMessage());
    }
}
