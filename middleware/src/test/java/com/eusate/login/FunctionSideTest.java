package com.eusate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eusate.login.internal.verify.InMemoryRevocationStore;
import com.eusate.login.verify.RevocationStore;
import com.eusate.login.verify.SateTokenConfig;
import com.eusate.login.verify.VerifiedToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.CookieManager;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The function side as an existing app meets it: endpoints it shares with its own frontend, a logout
 * that must always work, a store that cannot answer, and an operator who wants to know why Sate's
 * calls fail. Each runs the filter in a real Jetty over real HTTP.
 */
class FunctionSideTest {

    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private final HttpClient sate = HttpClient.newHttpClient();
    private LogCapture logs;
    private SateTokenFilter filter;
    private FunctionApp app;

    @BeforeEach
    void captureLogs() {
        logs = new LogCapture();
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        logs.close();
    }

    private void start(UnaryOperator<SateTokenConfig.Builder> customize) throws Exception {
        filter = new SateTokenFilter(customize.apply(SateTokenConfig.builder()
                .signingSecret(SateTokenFilterTest.SECRET)).build());
        app = new FunctionApp(filter);
    }

    private HttpResponse<String> get(HttpClient client, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.baseUrl().resolve(path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    // ---- sharing endpoints with the app's own authentication ----------------------------------

    @Test
    void withWhenNoTokenPassOneEndpointServesTheAppsSessionAndSateButNeverAnInvalidToken() throws Exception {
        start(b -> b.whenNoToken("pass"));
        assertEquals(204, get(browser, "/app-login?user=carol").statusCode());

        HttpResponse<String> frontend = get(browser, "/api/orders");
        HttpResponse<String> sates = get(sate, "/api/orders", "Authorization", bearer(SateTokenFilterTest.token(t -> t)));
        HttpResponse<String> anonymous = get(sate, "/api/orders");
        String forged = forgedSignature(SateTokenFilterTest.token(t -> t));
        HttpResponse<String> invalidBesideASession = get(browser, "/api/orders", "Authorization", bearer(forged));

        assertEquals(200, frontend.statusCode(), frontend::body);
        assertEquals("{\"ordersOf\":\"carol\",\"via\":\"session\"}", frontend.body());
        assertEquals("{\"ordersOf\":\"alice\",\"via\":\"sate\"}", sates.body());
        assertEquals(401, anonymous.statusCode());
        assertEquals("{\"error\":\"login_required\"}", anonymous.body(), "the app's own answer, not ours");
        assertEquals(401, invalidBesideASession.statusCode());
        assertEquals("Bearer error=\"invalid_token\"",
                invalidBesideASession.headers().firstValue("WWW-Authenticate").orElse(null));
        assertEquals(2, filter.stats().passedWithoutToken());
    }

    @Test
    void withWhenNoTokenPassATokenSentTwiceOrEmptyIsRefusedButAnotherSchemeIsTheApps() throws Exception {
        start(b -> b.whenNoToken("pass"));
        get(browser, "/app-login?user=carol");
        String valid = SateTokenFilterTest.token(t -> t);

        HttpResponse<String> twice = get(browser, "/api/orders", "Authorization", bearer(valid), "Authorization", bearer(valid));
        HttpResponse<String> empty = get(browser, "/api/orders", "Authorization", "Bearer ");
        HttpResponse<String> basic = get(browser, "/api/orders", "Authorization", "Basic Y2Fyb2w6c2VjcmV0");

        assertEquals(401, twice.statusCode(), "two tokens are ambiguous, not absent");
        assertEquals(401, empty.statusCode(), "an empty Bearer is a token that is present and invalid");
        assertEquals(200, basic.statusCode(), basic::body);
        assertEquals("{\"ordersOf\":\"carol\",\"via\":\"session\"}", basic.body());
    }

    @Test
    void byDefaultARequestWithoutATokenIsRefusedEvenWithTheAppsSession() throws Exception {
        start(b -> b);
        get(browser, "/app-login?user=carol");

        HttpResponse<String> frontend = get(browser, "/api/orders");

        assertEquals(401, frontend.statusCode());
        assertEquals("Bearer error=\"invalid_token\"", frontend.headers().firstValue("WWW-Authenticate").orElse(null));
        assertEquals(Map.of("missing", 1L), filter.stats().refusedByReason());
    }

    @Test
    void whenNoTokenAcceptsOnlyRejectOrPass() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SateTokenConfig.builder().whenNoToken("allow"));
        assertEquals("when-no-token must be [reject] or [pass], but was [allow]", e.getMessage());
    }

    // ---- revocation that never fails a logout -------------------------------------------------

    @Test
    void twoHundredThousandCustomersLoggingOutNeverFailAndTheStoreStaysAtItsCap() {
        InMemoryRevocationStore store = new InMemoryRevocationStore(Duration.ofHours(1), Duration.ofSeconds(30),
                InMemoryRevocationStore.DEFAULT_MAX_ENTRIES, Clock.systemUTC());
        Instant now = Instant.now();
        Runtime heap = Runtime.getRuntime();
        System.gc();
        long before = heap.totalMemory() - heap.freeMemory();

        for (int i = 0; i < 200_000; i++) {
            store.revokeSubject("customer-" + i, now);
        }
        System.gc();
        long retainedBytes = heap.totalMemory() - heap.freeMemory() - before;

        assertEquals(InMemoryRevocationStore.DEFAULT_MAX_ENTRIES, store.size());
        assertEquals(100_000, store.evicted(), "the 100,000 that would expire first (the oldest, in the same second)"
                + " made room, counted");
        for (int kept : new int[] {100_000, 150_000, 199_999}) {
            assertTrue(store.isRevoked(token("customer-" + kept, now.minusSeconds(1))), "kept: customer-" + kept);
        }
        for (int dropped : new int[] {0, 50_000, 99_999}) {
            assertFalse(store.isRevoked(token("customer-" + dropped, now.minusSeconds(1))), "dropped: customer-" + dropped);
        }
        assertTrue(retainedBytes < 32L * 1024 * 1024, "the bound docs/function-side.md gives: " + retainedBytes / 1024 / 1024 + " MiB");
        assertTrue(logs.ours().stream().filter(l -> l.contains("revocation store is full")).count() <= 6,
                "ERROR lines at a bounded rate");
    }

    @Test
    void aCustomersCutOffIsKeptOnlyAsLongAsTheLongestTokenLives() {
        MutableClock clock = new MutableClock();
        InMemoryRevocationStore store = new InMemoryRevocationStore(Duration.ofHours(1), Duration.ZERO, 10, clock);
        store.revokeSubject("alice", clock.instant());
        store.revokeToken("jti-1", clock.instant().plus(Duration.ofMinutes(45)));

        clock.advance(Duration.ofMinutes(30));
        store.revokeSubject("bob", clock.instant());
        assertEquals(3, store.size(), "nothing has outlived its tokens yet");

        clock.advance(Duration.ofMinutes(31));
        store.revokeSubject("carol", clock.instant());
        assertEquals(2, store.size(), "alice's cut-off (1 h) and jti-1 (45 min) are gone; bob and carol stay");
        assertEquals(0, store.evicted(), "forgetting what expired is not dropping");
    }

    @Test
    void aRevokedTokenIdIsKeptAsLongAsTheFilterStillAcceptsTheTokenWithinItsLeeway() {
        MutableClock clock = new MutableClock();
        InMemoryRevocationStore store = new InMemoryRevocationStore(Duration.ofHours(1), Duration.ofSeconds(30), 10, clock);
        Instant now = clock.instant();
        store.revokeToken("just-expired", now.minusSeconds(10)); // past exp, still inside the leeway
        store.revokeToken("long-dead", now.minusSeconds(60));

        clock.advance(Duration.ofSeconds(15));
        store.revokeSubject("another-customer", clock.instant()); // a write purges what may be forgotten

        assertTrue(store.isRevoked(tokenWithId("just-expired", now.minusSeconds(600))));
        assertFalse(store.isRevoked(tokenWithId("long-dead", now.minusSeconds(600))));
        assertEquals(2, store.size());
    }

    @Test
    void whenTheStoreIsFullTheRevocationThatExpiresFirstMakesRoom() {
        MutableClock clock = new MutableClock();
        InMemoryRevocationStore store = new InMemoryRevocationStore(Duration.ofHours(1), Duration.ZERO, 3, clock);
        Instant now = clock.instant();
        store.revokeToken("late", now.plus(Duration.ofMinutes(50)));
        store.revokeToken("soon", now.plus(Duration.ofMinutes(5)));
        store.revokeToken("middle", now.plus(Duration.ofMinutes(20)));

        store.revokeToken("new", now.plus(Duration.ofMinutes(30)));

        assertEquals(3, store.size());
        assertFalse(store.isRevoked(tokenWithId("soon", now)));
        for (String kept : List.of("late", "middle", "new")) {
            assertTrue(store.isRevoked(tokenWithId(kept, now)), kept);
        }
        assertEquals(1, store.evicted());
    }

    @Test
    void aLogoutAgainstAFullStoreStillSucceeds() throws Exception {
        InMemoryRevocationStore tiny = new InMemoryRevocationStore(Duration.ofHours(1), Duration.ofSeconds(30), 2,
                Clock.systemUTC());
        start(b -> b.revocationStore(tiny));
        HttpRequest.Builder logout = HttpRequest.newBuilder().POST(HttpRequest.BodyPublishers.noBody());

        for (String user : List.of("a", "b", "c", "d")) {
            HttpResponse<String> answer = sate.send(logout.uri(app.baseUrl().resolve("/logout?user=" + user)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(204, answer.statusCode(), user);
        }
        assertEquals(2, tiny.size());
        assertEquals(2, filter.stats().revocationsDropped(), "what had to go is counted where operators look");
    }

    // ---- a store that cannot answer -----------------------------------------------------------

    @Test
    void anyStoreThatThrowsUnavailableFailsClosedWith503() throws Exception {
        RevocationStore down = new RevocationStore() {
            @Override
            public void revokeToken(String tokenId, Instant expiresAt) {
            }

            @Override
            public void revokeSubject(String subject, Instant issuedUpTo) {
            }

            @Override
            public boolean isRevoked(VerifiedToken token) {
                throw new RevocationStore.Unavailable("redis at cache:6379 timed out", null);
            }
        };
        start(b -> b.revocationStore(down));

        HttpResponse<String> answer = get(sate, "/api/whoami", "Authorization", bearer(SateTokenFilterTest.token(t -> t)));

        assertEquals(503, answer.statusCode());
        assertEquals("5", answer.headers().firstValue("Retry-After").orElse(null));
        assertEquals(1, filter.stats().storeUnavailable());
        assertTrue(logs.ours().stream().anyMatch(l -> l.contains("answered 503: redis at cache:6379 timed out")),
                logs.ours()::toString);
    }

    // ---- what an operator sees ----------------------------------------------------------------

    @Test
    void countersByReasonAreReadableFromTheServletContextAndRefusalsAreLoggedAtABoundedRate() throws Exception {
        start(b -> b);
        String valid = SateTokenFilterTest.token(t -> t);
        String expired = SateTokenFilterTest.token(t -> t.withIssuedAt(Instant.now().minusSeconds(7200))
                .withExpiresAt(Instant.now().minusSeconds(3600)));
        String tooLong = SateTokenFilterTest.token(t -> t.withExpiresAt(Instant.now().plus(Duration.ofDays(2))));
        get(sate, "/api/whoami", "Authorization", bearer(valid));
        get(sate, "/api/whoami", "Authorization", bearer(expired));
        get(sate, "/api/whoami", "Authorization", bearer(tooLong));
        for (int i = 0; i < 50; i++) {
            get(sate, "/api/whoami", "Authorization", bearer("not-a-token-" + i));
        }

        JsonNode stats = SateTokenFilterTest.JSON.readTree(get(sate, "/stats").body());

        assertEquals(1, stats.get("accepted").asLong());
        assertEquals(52, stats.get("refused").asLong());
        assertEquals(Map.of("expired", 1, "lives_too_long", 1, "malformed", 50),
                SateTokenFilterTest.JSON.convertValue(stats.get("refusedByReason"), Map.class));
        List<String> refusals = logs.ours().stream().filter(l -> l.contains("Refused a Sate token")).toList();
        assertEquals(10, refusals.stream().filter(l -> l.contains(": malformed")).count(),
                "50 junk tokens, 10 lines: the budget is a minute's, per reason");
        assertEquals(12, refusals.size(), "the expired and the too long-lived one each have their own line");
        assertTrue(refusals.get(0).contains("INFO") && refusals.get(0).contains("on /api/whoami: expired"),
                refusals.get(0));
        assertTrue(logs.lines().stream().noneMatch(l -> l.contains(valid) || l.contains(expired) || l.contains("not-a-token")),
                "never the token");
    }

    @Test
    void statsOfAWebAppWithoutATokenFilterSayWhy() throws Exception {
        jakarta.servlet.ServletContext none = (jakarta.servlet.ServletContext) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {jakarta.servlet.ServletContext.class}, (p, m, a) -> null);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SateTokenFilter.stats(none));

        assertTrue(e.getMessage().startsWith("No SateTokenFilter has started in this web app"), e.getMessage());
    }

    /** The token with one letter of its signature changed (never the last: its low bits are fixed). */
    private static String forgedSignature(String token) {
        int i = token.length() - 5;
        return token.substring(0, i) + (token.charAt(i) == 'A' ? 'B' : 'A') + token.substring(i + 1);
    }

    private static VerifiedToken token(String subject, Instant issuedAt) {
        return new VerifiedToken(subject, null, "kid", issuedAt, issuedAt.plusSeconds(3600), Map.of());
    }

    private static VerifiedToken tokenWithId(String jti, Instant issuedAt) {
        return new VerifiedToken("someone", jti, "kid", issuedAt, issuedAt.plusSeconds(3600), Map.of());
    }
}
