package com.eusate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.auth0.jwt.algorithms.Algorithm;
import com.eusate.login.internal.verify.TokenVerifier;
import com.eusate.login.verify.JdbcRevocationStore;
import com.eusate.login.verify.SateTokenConfig;
import com.eusate.login.verify.TokenLocation;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack playbook of the public jwt_tool, crafted here, against SateTokenFilter in a real Jetty:
 * null and empty signatures, kid injection, key-URL headers, published example tokens, huge tokens.
 * (alg none in every capitalisation, HS256 signed with the RSA public key, crit and duplicate
 * claims are in {@link SateTokenFilterTest}; Wycheproof's vectors in {@link WycheproofJwsTest}.)
 */
class TokenAttacksTest {

    static final String SECRET = SateTokenFilterTest.SECRET;
    static final String KID = SateTokenFilterTest.KID;

    @TempDir
    java.nio.file.Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private FunctionApp app;
    private SateTokenFilter filter;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    private void start(UnaryOperator<SateTokenConfig.Builder> customize) throws Exception {
        filter = new SateTokenFilter(customize.apply(SateTokenConfig.builder().signingSecret(SECRET)).build());
        app = new FunctionApp(filter);
    }

    private int call(String token) throws Exception {
        return http.send(HttpRequest.newBuilder(app.baseUrl().resolve("/api/whoami"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String b64(String s) {
        return SateTokenFilterTest.b64(s);
    }

    @Test
    void aNullOrEmptySignatureIsRefused() throws Exception {
        start(b -> b);
        String[] parts = SateTokenFilterTest.token(t -> t).split("\\.");
        for (String token : List.of(parts[0] + "." + parts[1] + ".", parts[0] + "." + parts[1], parts[0] + "." + parts[1] + ".null",
                parts[0] + "." + parts[1] + ".AA", parts[0] + "." + parts[1] + "." + parts[2] + ".extra")) {
            assertEquals(401, call(token), token);
        }
    }

    @Test
    void aKidWithPathTraversalOrSqlIsJustAnUnknownKey() throws Exception {
        start(b -> b);
        List<String> kids = List.of("../../../../../../dev/null", "/etc/passwd", "' OR '1'='1", "x\"; DROP TABLE users; --",
                KID + "' UNION SELECT 'secret");
        for (String kid : kids) {
            // signed with an empty key, as the traversal to /dev/null would make it: must not verify
            String token = SateTokenFilterTest.signed(Algorithm.HMAC256(new byte[1]), kid, t -> t);
            assertEquals(401, call(token), kid);
        }
        assertEquals(Map.of("unknown_key", (long) kids.size()), filter.stats().refusedByReason(),
                "each is refused as a kid no configured key has, not for its signature or shape");
    }

    @Test
    void sqlInTheSubjectOrTokenIdNeverReachesTheDatabaseAsSql() throws Exception {
        org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
        h2.setURL("jdbc:h2:mem:sate-attacks;DB_CLOSE_DELAY=-1");
        JdbcRevocationStore store = new JdbcRevocationStore(h2, "sate_rev_attack", Duration.ofDays(1), Clock.systemUTC())
                .createTableIfMissing();
        start(b -> b.revocationStore(store));
        String evil = "alice'; DROP TABLE sate_rev_attack; --";
        String token = SateTokenFilterTest.token(t -> t.withSubject(evil).withJWTId("j' OR '1'='1"));

        assertEquals(200, call(token));
        store.revokeSubject(evil, java.time.Instant.now());
        assertEquals(401, call(token), "revoked by its exact, hostile subject");
        assertEquals(1, rows(h2, "sate_rev_attack"), "the table is intact");
    }

    private static int rows(DataSource ds, String table) throws Exception {
        try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void aTokenNamingOrCarryingAKeyInJkuX5uOrJwkIsRefusedAndNothingIsFetched() throws Exception {
        try (FakeSate keyServer = new FakeSate("unused")) { // any HTTP server that counts what reaches it
            java.nio.file.Path pub = TestKeys.write(dir, "rsa.pub.pem", TestKeys.RSA.getPublic());
            start(b -> b.publicKeyFile("rsa-1", pub));
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            java.security.KeyPair attacker = g.generateKeyPair();
            RSAPublicKey attackerPublic = (RSAPublicKey) attacker.getPublic();
            Map<String, Object> jwk = Map.of("kty", "RSA", "kid", "rsa-1",
                    "n", Base64.getUrlEncoder().withoutPadding().encodeToString(attackerPublic.getModulus().toByteArray()),
                    "e", "AQAB");
            Map<String, Object> pointingElsewhere = Map.of("jku", keyServer.baseUrl() + "/jwks.json",
                    "x5u", keyServer.baseUrl() + "/cert.pem", "jwk", jwk);

            String signedByAttacker = SateTokenFilterTest.signed(Algorithm.RSA256(attackerPublic, (RSAPrivateKey) attacker.getPrivate()),
                    "rsa-1", t -> t.withHeader(pointingElsewhere));
            String signedByUs = SateTokenFilterTest.signed(Algorithm.RSA256(null, (RSAPrivateKey) TestKeys.RSA.getPrivate()),
                    "rsa-1", t -> t.withHeader(pointingElsewhere));

            assertEquals(401, call(signedByAttacker), "the embedded and linked keys are not trusted");
            assertEquals(401, call(signedByUs), "even signed by our key: our issuer never writes these headers");
            assertEquals(Map.of("unsupported_header", 2L), filter.stats().refusedByReason());
            assertEquals(0, keyServer.requestCount(), "nothing was fetched from the URLs in the token");
        }
    }

    @Test
    void theRfc7515AndRfc7519ExampleTokensAreRefusedEvenWithTheirOwnKey() throws Exception {
        // RFC 7515 appendix A.1 (also RFC 7519 section 3.1): HS256 with the key published beside it
        byte[] rfcKey = Base64.getUrlDecoder().decode(
                "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow");
        app = new FunctionApp(new SateTokenFilter(SateTokenConfig.builder()
                .signingSecret(new String(rfcKey, StandardCharsets.ISO_8859_1)).build()));
        String rfc7515 = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
                + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
                + ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        // RFC 7519 section 6.1: the unsecured JWT
        String rfc7519Unsecured = "eyJhbGciOiJub25lIn0"
                + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.";
        assertEquals(401, call(rfc7515), "expired in 2011, and no aud or sub");
        assertEquals(401, call(rfc7519Unsecured));
    }

    @Test
    void aHugeTokenIsRefusedWithoutBeingParsed() throws Exception {
        // in a header the container refuses it first (431); in a body it reaches the filter
        start(b -> b.tokenLocation(TokenLocation.BODY));
        // well-formed, correctly signed and valid but for its size: parsed, it would pass
        String huge = SateTokenFilterTest.token(t -> t.withClaim("pad", "a".repeat(TokenVerifier.MAX_TOKEN_LENGTH)));
        int status = http.send(HttpRequest.newBuilder(app.baseUrl().resolve("/api/whoami"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + huge + "\"}")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        assertEquals(401, status);
        assertEquals(Map.of("malformed", 1L), filter.stats().refusedByReason(),
                "refused by its length alone: the size check comes before any decoding");
    }

    /** A token of hand-written JSON, correctly signed with our secret and kid. */
    private static String hs256(String header, String payload) throws Exception {
        String input = b64(header) + "." + b64(payload);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        return input + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(input.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    @Test
    void signedTokensWithUnusualJsonAreJudgedForTheRightReason() throws Exception {
        start(b -> b);
        long now = java.time.Instant.now().getEpochSecond();
        String header = "{\"alg\":\"HS256\",\"kid\":\"" + KID + "\"}";
        String claims = "\"iss\":\"sate-login-middleware\",\"aud\":\"sate\",\"sub\":\"alice\",\"iat\":" + now
                + ",\"exp\":" + (now + 600);
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("header names kid twice", hs256("{\"alg\":\"HS256\",\"kid\":\"x\",\"kid\":\"" + KID + "\"}", "{" + claims + "}"));
        refused.put("sub twice, once escaped", hs256(header, "{" + claims + ",\"\\u0073ub\":\"admin\"}"));
        refused.put("a nested name twice", hs256(header, "{" + claims + ",\"x\":{\"a\":1,\"a\":2}}"));
        refused.put("a second object after the claims", hs256(header, "{" + claims + "}{\"sub\":\"admin\"}"));
        refused.put("a jti that is a number", hs256(header, "{" + claims + ",\"jti\":42}"));
        refused.put("an exp that is a string", hs256(header, "{\"iss\":\"sate-login-middleware\",\"aud\":\"sate\","
                + "\"sub\":\"alice\",\"iat\":" + now + ",\"exp\":\"" + (now + 600) + "\"}"));
        refused.put("an exp beyond the year 9999", hs256(header, "{\"iss\":\"sate-login-middleware\",\"aud\":\"sate\","
                + "\"sub\":\"alice\",\"iat\":" + now + ",\"exp\":1e300}"));
        // exp - iat overflows a long, and no Instant holds that iat: this one gave a 500
        refused.put("an iat far before 1970", hs256(header, "{\"iss\":\"sate-login-middleware\",\"aud\":\"sate\","
                + "\"sub\":\"alice\",\"iat\":-9223372036854775000,\"exp\":" + (now + 600) + "}"));
        refused.put("claims that are an array", hs256(header, "[" + claims.replace(':', ',') + "]"));
        refused.put("an aud list with a non-string",
                hs256(header, "{" + claims.replace("\"aud\":\"sate\"", "\"aud\":[\"sate\",7]") + "}"));
        refused.put("a sub that is a number", hs256(header, "{" + claims.replace("\"sub\":\"alice\"", "\"sub\":123") + "}"));
        refused.put("kid null, even with one key configured", hs256("{\"alg\":\"HS256\",\"kid\":null}", "{" + claims + "}"));
        refused.put("jti null", hs256(header, "{" + claims + ",\"jti\":null}"));
        refused.put("nbf null", hs256(header, "{" + claims + ",\"nbf\":null}"));
        for (Map.Entry<String, String> e : refused.entrySet()) {
            assertEquals(401, call(e.getValue()), e.getKey());
        }
        assertEquals(Map.of("malformed", (long) refused.size()), filter.stats().refusedByReason());

        assertEquals(200, call(hs256(header, "{" + claims.replace("\"exp\":" + (now + 600), "\"exp\":" + (now + 600) + ".75")
                + "}")), "a NumericDate with a fraction, as RFC 7519 allows");
        assertEquals(200, call(hs256("{\"alg\":\"HS256\"}", "{" + claims + "}")), "no kid with one key configured");
        assertEquals(200, call(hs256(header, "{" + claims.replace("\"aud\":\"sate\"", "\"aud\":[\"other\",\"sate\"]") + "}")),
                "an aud list that holds ours");
    }

    @Test
    void aTokenWithJunkAroundItIsRefused() throws Exception {
        start(b -> b);
        String good = SateTokenFilterTest.token(t -> t);
        for (String token : List.of(good + " x", "Bearer " + good, good.replace('.', ','), UUID.randomUUID().toString())) {
            assertEquals(401, call(token), token);
        }
        assertEquals(200, call(good));
    }
}
