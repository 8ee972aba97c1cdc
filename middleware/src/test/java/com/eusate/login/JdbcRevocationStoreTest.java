package com.eusate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.algorithms.Algorithm;
import com.eusate.login.internal.Hmac;
import com.eusate.login.verify.JdbcRevocationStore;
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
    void rowsArePurgedOnlyOnceNoTokenTheyCoverCanPassEvenWithTheLargestLeeway(String database) throws Exception {
        MutableClock clock = new MutableClock();
        JdbcRevocationStore store = freshStore(database, "sate_rev_purge", clock);
        Instant exp = clock.instant().plusSeconds(60);
        Instant cutoff = clock.instant();
        store.revokeToken("short", exp);
        store.revokeSubject("alice", cutoff);

        clock.advance(Duration.ofSeconds(60).plus(Duration.ofMinutes(5))); // exp + the largest leeway (PT5M)
        assertEquals(0, store.purgeExpired(), "a token is accepted until exp + leeway, so its row stays that long");
        assertTrue(store.isRevoked(token("x", "short", exp.minusSeconds(60))));
        clock.advance(Duration.ofSeconds(2));
        assertEquals(1, store.purgeExpired(), "the token's row goes once the token is dead");
        assertFalse(store.isRevoked(token("x", "short", exp.minusSeconds(60))));

        clock.advance(Duration.ofDays(2)); // past the cut-off + max-token-ttl (a day here) + twice the largest leeway
        assertEquals(1, store.purgeExpired());
        assertFalse(store.isRevoked(token("alice", "j", cutoff)));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRevokedTokenIsStillRefusedWithinTheLeewayAfterItsExpiryAndAPurge(String database) throws Exception {
        MutableClock clock = new MutableClock();
        String secret = "purge-leeway-secret-" + UUID.randomUUID();
        JdbcRevocationStore store = freshStore(database, "sate_rev_leeway", clock);
        Duration leeway = Duration.ofSeconds(30);
        SateTokenFilter filter = new SateTokenFilter(SateTokenConfig.builder().signingSecret(secret).clock(clock)
                .leeway(leeway).revocationStore(store).build());
        try (FunctionApp app = new FunctionApp(filter)) {
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            String jti = UUID.randomUUID().toString();
            String token = SateTokenFilterTest.signed(Algorithm.HMAC256(secret),
                    Hmac.keyIdOf(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    t -> t.withIssuedAt(now).withExpiresAt(now.plusSeconds(60)).withJWTId(jti));
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest call = HttpRequest.newBuilder(app.baseUrl().resolve("/api/whoami"))
                    .header("Authorization", "Bearer " + token).build();
            assertEquals(200, http.send(call, HttpResponse.BodyHandlers.discarding()).statusCode());

            store.revokeToken(jti, now.plusSeconds(60));
            clock.advance(Duration.between(clock.instant(), now.plusSeconds(60).plus(leeway.dividedBy(2))));
            store.purgeExpired();

            assertEquals(401, http.send(call, HttpResponse.BodyHandlers.discarding()).statusCode(),
                    "at exp + leeway / 2 the token would pass but for its revocation");
            assertEquals(Map.of("revoked", 1L), filter.stats().refusedByReason());
        }
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
            Instant issued = Instant.now().minusSeconds(5);
            String token = SateTokenFilterTest.signed(Algorithm.HMAC256(secret),
                    Hmac.keyIdOf(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    t -> t.withIssuedAt(issued).withExpiresAt(issued.plusSeconds(3600)));
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
    void aDatabaseThatIsDownMakesTheFilterAnswer503WithRetryAfterAndLetsNothingThrough(String database)
            throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort(); // nothing listens here once it is closed
        }
        DataSource down;
        if (database.equals("h2")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:tcp://127.0.0.1:" + closedPort + "/mem:down");
            down = h2;
        } else {
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL("jdbc:postgresql://127.0.0.1:" + closedPort + "/sate_test");
            pg.setConnectTimeout(2);
            down = pg;
        }
        String secret = "db-down-secret-" + UUID.randomUUID();
        SateTokenFilter filter = new SateTokenFilter(SateTokenConfig.builder().signingSecret(secret)
                .revocationStore(new JdbcRevocationStore(down, "sate_revocations", Duration.ofDays(1), Clock.systemUTC()))
                .build());
        try (FunctionApp app = new FunctionApp(filter)) {
            String token = SateTokenFilterTest.signed(Algorithm.HMAC256(secret),
                    Hmac.keyIdOf(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)), t -> t);
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    app.baseUrl().resolve("/api/whoami")).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, answer.statusCode(), answer.body());
            assertEquals("5", answer.headers().firstValue("Retry-After").orElse(null));
            assertFalse(answer.body().contains("alice"), "the app's function never ran: " + answer.body());
            assertEquals(1, filter.stats().storeUnavailable());
        }
    }

    @org.junit.jupiter.api.Test
    void tableNameIsValidated() {
        DataSource h2 = dataSource("h2");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new JdbcRevocationStore(h2, "x; DROP TABLE users", Duration.ofDays(1), Clock.systemUTC()));
        assertTrue(e.getMessage().contains("revocation-table must be a plain SQL name"), e.getMessage());
    }
}
