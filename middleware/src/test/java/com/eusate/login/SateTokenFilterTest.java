package com.eusate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import com.eusate.login.internal.Hmac;
import com.eusate.login.internal.Keys;
import com.eusate.login.internal.signin.JwtIssuer;
import com.eusate.login.internal.signin.LoginSettings;
import com.eusate.login.internal.verify.InMemoryRevocationStore;
import com.eusate.login.signin.SateLoginConfig;
import com.eusate.login.verify.SateTokenConfig;
import com.eusate.login.verify.TokenLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SateTokenFilter inside a real Jetty 12, called over real HTTP the way Sate calls an app's
 * functions. Tokens come from our issuer, from raw java-jwt and from a second, independent JWT
 * library (Nimbus), good and bad.
 */
class SateTokenFilterTest {

    static final String SECRET = "function-side-secret-" + UUID.randomUUID();
    static final String OLD_SECRET = "an-older-secret-still-accepted-" + UUID.randomUUID();
    static final String KID = Hmac.keyIdOf(SECRET.getBytes(StandardCharsets.UTF_8));
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path keysDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final InMemoryRevocationStore revocations = new InMemoryRevocationStore(
            Duration.ofHours(1), Duration.ofSeconds(30), InMemoryRevocationStore.DEFAULT_MAX_ENTRIES, java.time.Clock.systemUTC());
    private FunctionApp app;
    private SateTokenFilter filter;

    record Answer(int status, String wwwAuthenticate, String body) {
        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    private void start(UnaryOperator<SateTokenConfig.Builder> customize) throws Exception {
        SateTokenConfig.Builder b = SateTokenConfig.builder().signingSecret(SECRET).revocationStore(revocations);
        filter = new SateTokenFilter(customize.apply(b).build());
        app = new FunctionApp(filter);
    }

    private Answer call(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.headers().firstValue("WWW-Authenticate").orElse(null), r.body());
    }

    private Answer withHeader(String token) throws Exception {
        return call(HttpRequest.newBuilder(app.baseUrl().resolve("/api/whoami")).header("Authorization", "Bearer " + token));
    }

    /** A token as our login filter issues it, with a tweak. */
    static String token(UnaryOperator<JWTCreator.Builder> tweak) {
        return signed(Algorithm.HMAC256(SECRET), KID, tweak);
    }

    /** A token with the claims our login filter issues, signed as given, with a tweak. */
    static String signed(Algorithm algorithm, String kid, UnaryOperator<JWTCreator.Builder> tweak) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        JWTCreator.Builder builder = JWT.create();
        if (kid != null) {
            builder.withKeyId(kid);
        }
        return tweak.apply(builder
                        .withIssuer(LoginSettings.ISSUER.defaultValue()).withAudience(LoginSettings.AUDIENCE.defaultValue())
                        .withSubject("alice").withIssuedAt(now).withExpiresAt(now.plus(Duration.ofHours(1)))
                        .withJWTId(UUID.randomUUID().toString()))
                .sign(algorithm);
    }

    static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRefused(Answer a, String token) {
        assertEquals(401, a.status(), a::body);
        assertEquals("Bearer error=\"invalid_token\"", a.wwwAuthenticate());
        assertTrue(a.body().contains("\"error\":\"invalid_token\""), a.body());
        assertFalse(token != null && !token.isEmpty() && a.body().contains(token), "the token is never echoed");
    }

    // ---- each location ------------------------------------------------------------------------

    @Test
    void tokenInTheAuthorizationHeaderPassesWithTheSubjectAsPrincipal() throws Exception {
        start(b -> b);
        String token = new JwtIssuer(Keys.hs256(SECRET.getBytes(StandardCharsets.UTF_8)), KID,
                LoginSettings.ISSUER.defaultValue(), LoginSettings.AUDIENCE.defaultValue(), Duration.ofHours(1),
                s -> Map.of("tier", "gold"), java.time.Clock.systemUTC()).issue("alice").token();

        Answer a = withHeader(token);

        assertEquals(200, a.status(), a::body);
        JsonNode seen = a.json();
        assertEquals("alice", seen.get("principal").asText());
        assertEquals("alice", seen.get("remoteUser").asText());
        assertEquals(KID, seen.get("kid").asText());
        assertEquals("gold", seen.get("tier").asText());
        assertEquals(JWT.decode(token).getId(), seen.get("jti").asText());
    }

    @Test
    void tokenInACustomHeaderWithoutPrefixPasses() throws Exception {
        start(b -> b.tokenName("X-Sate-Token"));
        Answer a = call(HttpRequest.newBuilder(app.baseUrl().resolve("/api/whoami")).header("X-Sate-Token", token(t -> t)));
        assertEquals(200, a.status(), a::body);
        assertRefused(withHeader(token(t -> t)), null);
    }

    @Test
    void tokenInTheQueryPasses() throws Exception {
        start(b -> b.tokenLocation(TokenLocation.QUERY));
        Answer a = call(HttpRequest.newBuilder(app.baseUrl().resolve("/api/whoami?x=1&token=" + token(t -> t))));
        assertEquals(200, a.status(), a::body);
        assertEquals("alice", a.json().get("remoteUser").asText());
        String t = token(x -> x);
        assertRefused(call(HttpRequest.newBuilder(app.baseUrl().resolve("/api/whoami?token=" + t + "&token=" + t))), t);
    }

    @Test
    void tokenInAJsonBodyPassesAndTheAppStillReadsTheWholeBody() throws Exception {
        start(b -> b.tokenLocation(TokenLocation.BODY));
        String body = "{\"token\":\"" + token(t -> t) + "\",\"item\":\"book\"}";
        Answer a = call(HttpRequest.newBuilder(app.baseUrl().resolve("/api/whoami"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(200, a.status(), a::body);
        assertEquals("alice", a.json().get("remoteUser").asText());
        assertEquals(body, a.json().get("body").asText(), "the app reads the body unchanged");
    }

    @Test
    void tokenInAFormBodyPassesAndTheAppStillSeesTheFormParameters() throws Exception {
        start(b -> b.tokenLocation(TokenLocation.BODY));
        String body = "item=" + URLEncoder.encode("blue book", StandardCharsets.UTF_8) + "&token=" + token(t -> t);
        Answer a = call(HttpRequest.newBuilder(app.baseUrl().resolve("/api/whoami"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(200, a.status(), a::body);
        assertEquals("blue book", a.json().get("form").asText());
    }

    @Test
    void bodyLargerThanTheLimitIsAClear413() throws Exception {
        start(b -> b.tokenLocation(TokenLocation.BODY).maxBodyBytes(4096));
        String big = "{\"token\":\"" + token(t -> t) + "\",\"pad\":\"" + "x".repeat(5000) + "\"}";
        Answer a = call(HttpRequest.newBuilder(app.baseUrl().resolve("/api/whoami"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(big)));
        assertEquals(413, a.status());
        assertTrue(a.body().contains("request_too_large"));
        Answer chunked = call(HttpRequest.newBuilder(app.baseUrl().resolve("/api/whoami"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes()))));
        assertEquals(413, chunked.status(), "also without a Content-Length");
    }

    // ---- tokens that must be refused ----------------------------------------------------------

    @Test
    void missingTokenIsRefused() throws Exception {
        start(b -> b);
        assertRefused(call(HttpRequest.newBuilder(app.baseUrl().resolve("/api/whoami"))), null);
        assertRefused(call(HttpRequest.newBuilder(app.baseUrl().resolve("/api/whoami")).header("Authorization", "Bearer ")), null);
        assertRefused(call(HttpRequest.newBuilder(app.baseUrl().resolve("/api/whoami")).header("Authorization", "Basic YTpi")), null);
    }

    @Test
    void aTokenPassesUntilTheInstantBeforeExpPlusLeewayAndIsRefusedAsExpiredFromThatInstantOn() throws Exception {
        MutableClock clock = new MutableClock();
        start(b -> b.leeway(Duration.ofSeconds(30)).clock(clock));
        Instant issued = clock.instant().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
        long exp = issued.getEpochSecond() + 300;
        String whole = signedJson("{\"alg\":\"HS256\",\"kid\":\"" + KID + "\"}", claimsJson(issued.getEpochSecond(),
                Long.toString(exp)));
        String fraction = signedJson("{\"alg\":\"HS256\",\"kid\":\"" + KID + "\"}", claimsJson(issued.getEpochSecond(),
                exp + ".25"));
        Instant edge = Instant.ofEpochSecond(exp + 30); // exp + leeway

        clock.advance(Duration.between(clock.instant(), edge.minusNanos(1)));
        assertEquals(200, withHeader(whole).status(), "one nanosecond before exp + leeway");
        clock.advance(Duration.ofNanos(1));
        assertRefused(withHeader(whole), whole); // the same token again: the cache of seen tokens is no way round
        String another = signedJson("{\"alg\":\"HS256\",\"kid\":\"" + KID + "\",\"typ\":\"JWT\"}",
                claimsJson(issued.getEpochSecond(), Long.toString(exp)));
        assertRefused(withHeader(another), another); // a token never seen, at the same instant
        assertEquals(200, withHeader(fraction).status(), "exp + .25 s + leeway is still ahead: the fraction is kept");
        clock.advance(Duration.ofMillis(250));
        assertRefused(withHeader(fraction), fraction);
        assertEquals(Map.of("expired", 3L), filter.stats().refusedByReason());
    }

    /** The claims our filter issues, at {@code iat}, with {@code exp} written as given. */
    private static String claimsJson(long iat, String exp) {
        return "{\"iss\":\"" + LoginSettings.ISSUER.defaultValue() + "\",\"aud\":\"sate\",\"sub\":\"alice\",\"iat\":"
                + iat + ",\"exp\":" + exp + "}";
    }

    /** A token of exactly this header and these claims, signed with HS256 and {@link #SECRET}. */
    static String signedJson(String header, String claims) throws Exception {
        return signedBytes(header, claims.getBytes(StandardCharsets.UTF_8));
    }

    static String signedBytes(String header, byte[] claims) throws Exception {
        String input = b64(header) + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return input + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void notYetValidTokenIsRefused() throws Exception {
        start(b -> b);
        Instant now = Instant.now();
        String future = token(t -> t.withIssuedAt(now.plusSeconds(600)).withExpiresAt(now.plusSeconds(4000)));
        String nbf = token(t -> t.withNotBefore(now.plusSeconds(600)));
        assertRefused(withHeader(future), future);
        assertRefused(withHeader(nbf), nbf);
    }

    @Test
    void tokenMissingARequiredClaimIsRefused() throws Exception {
        start(b -> b);
        for (String claim : List.of("iat", "exp", "sub", "iss", "aud")) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            JWTCreator.Builder t = JWT.create().withKeyId(KID);
            if (!claim.equals("iss")) t.withIssuer(LoginSettings.ISSUER.defaultValue());
            if (!claim.equals("aud")) t.withAudience(LoginSettings.AUDIENCE.defaultValue());
            if (!claim.equals("sub")) t.withSubject("alice");
            if (!claim.equals("iat")) t.withIssuedAt(now);
            if (!claim.equals("exp")) t.withExpiresAt(now.plusSeconds(600));
            String token = t.sign(Algorithm.HMAC256(SECRET));
            assertRefused(withHeader(token), token);
        }
    }

    @Test
    void wrongIssuerOrAudienceIsRefused() throws Exception {
        start(b -> b);
        String iss = token(t -> t.withIssuer("someone-else"));
        String aud = token(t -> t.withAudience("another-api"));
        assertRefused(withHeader(iss), iss);
        assertRefused(withHeader(aud), aud);
    }

    @Test
    void tamperedSignatureOrPayloadIsRefused() throws Exception {
        start(b -> b);
        String good = token(t -> t);
        String[] parts = good.split("\\.");
        char last = parts[2].charAt(0);
        String badSignature = parts[0] + "." + parts[1] + "." + (last == 'A' ? 'B' : 'A') + parts[2].substring(1);
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("alice", "bob");
        String badPayload = parts[0] + "." + b64(payload) + "." + parts[2];
        assertRefused(withHeader(badSignature), badSignature);
        assertRefused(withHeader(badPayload), badPayload);
        assertEquals(200, withHeader(good).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
    void algNoneInAnySpellingIsRefusedForItsAlgorithmBeforeAnySignatureCheck(String none) throws Exception {
        start(b -> b);
        String payload = token(t -> t).split("\\.")[1];
        String header = b64("{\"alg\":\"" + none + "\",\"typ\":\"JWT\",\"kid\":\"" + KID + "\"}");
        // the second carries a correct HS256 signature: only the algorithm check can refuse it
        for (String token : List.of(header + "." + payload + ".", header + "." + payload + ".AAAA",
                signedBytes("{\"alg\":\"" + none + "\",\"typ\":\"JWT\",\"kid\":\"" + KID + "\"}",
                        Base64.getUrlDecoder().decode(payload)))) {
            assertRefused(withHeader(token), token);
        }
        assertEquals(Map.of("bad_algorithm", 3L), filter.stats().refusedByReason());
    }

    @Test
    void hs256SignedWithTheRsaPublicKeyAsSecretIsRefused() throws Exception {
        Path pub = TestKeys.write(keysDir, "rsa.pub.pem", TestKeys.RSA.getPublic());
        start(b -> b.publicKeyFile("rsa-1", pub));
        for (byte[] secret : List.of(TestKeys.pem(TestKeys.RSA.getPublic()).getBytes(StandardCharsets.US_ASCII),
                TestKeys.RSA.getPublic().getEncoded())) {
            String confused = signed(Algorithm.HMAC256(secret), "rsa-1", t -> t);
            assertRefused(withHeader(confused), confused);
        }
    }

    @Test
    void unknownKidIsRefused() throws Exception {
        start(b -> b);
        String unknown = token(t -> t.withKeyId("somebody-elses-key"));
        assertRefused(withHeader(unknown), unknown);
    }

    @Test
    void tokenWithoutKidPassesOnlyWhenASingleKeyIsConfigured() throws Exception {
        String noKid = signed(Algorithm.HMAC256(SECRET), null, t -> t);
        start(b -> b);
        assertEquals(200, withHeader(noKid).status());
        app.close();
        start(b -> b.verificationSecrets(OLD_SECRET));
        assertRefused(withHeader(noKid), noKid);
    }

    // ---- revocation and rotation --------------------------------------------------------------

    @Test
    void tokenRevokedByIdIsRefusedAndOthersStillPass() throws Exception {
        start(b -> b);
        String revoked = token(t -> t);
        String other = token(t -> t);
        revocations.revokeToken(JWT.decode(revoked).getId(), JWT.decode(revoked).getExpiresAtAsInstant());
        assertRefused(withHeader(revoked), revoked);
        assertEquals(200, withHeader(other).status());
    }

    @Test
    void subjectCutOffRefusesEarlierTokensButNotLaterOnesOrOtherSubjects() throws Exception {
        start(b -> b);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String before = token(t -> t.withIssuedAt(now.minusSeconds(10)).withExpiresAt(now.plusSeconds(600)));
        String bobs = token(t -> t.withSubject("bob").withIssuedAt(now.minusSeconds(10)).withExpiresAt(now.plusSeconds(600)));
        String after = token(t -> t.withIssuedAt(now.plusSeconds(5))); // still within the leeway, and clear of a slow second

        Answer logout = call(HttpRequest.newBuilder(app.baseUrl().resolve("/logout?user=alice"))
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertEquals(204, logout.status());
        assertRefused(withHeader(before), before);
        assertEquals(200, withHeader(bobs).status());
        assertEquals(200, withHeader(after).status(), "a token issued after the cut-off (after a new login) passes");
    }

    @Test
    void rollingTheSecretKeepsLiveTokensUntilTheOldKeyIsRetired() throws Exception {
        String oldKid = Hmac.keyIdOf(OLD_SECRET.getBytes(StandardCharsets.UTF_8));
        String oldToken = signed(Algorithm.HMAC256(OLD_SECRET), oldKid, t -> t);
        String newToken = token(t -> t);

        start(b -> b.verificationSecrets(OLD_SECRET)); // step 2 of the rollover: new signs, old still verifies
        assertEquals(200, withHeader(oldToken).status());
        assertEquals(200, withHeader(newToken).status());
        app.close();

        start(b -> b); // step 3: the old secret is retired
        assertRefused(withHeader(oldToken), oldToken);
        assertEquals(200, withHeader(newToken).status());
    }

    @Test
    void aTokenSeenBeforeIsStillCheckedForRevocationAndExpiryOnEveryCall() throws Exception {
        MutableClock clock = new MutableClock();
        start(b -> b.clock(clock).leeway(Duration.ZERO));
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String alices = token(t -> t.withIssuedAt(now.minusSeconds(5)).withExpiresAt(now.plusSeconds(60)));
        String bobs = token(t -> t.withSubject("bob").withIssuedAt(now.minusSeconds(5)).withExpiresAt(now.plusSeconds(60)));
        assertEquals(200, withHeader(alices).status());
        assertEquals(200, withHeader(alices).status(), "the second call is served from the cache");
        assertEquals(200, withHeader(bobs).status());

        revocations.revokeSubject("alice", now);
        assertRefused(withHeader(alices), alices);
        assertEquals(200, withHeader(bobs).status());

        clock.advance(Duration.ofSeconds(61));
        assertRefused(withHeader(bobs), bobs);
    }

    // ---- RS256 / ES256 and an independent JWT library -----------------------------------------

    private static JWTClaimsSet.Builder nimbusClaims() {
        Date now = new Date();
        return new JWTClaimsSet.Builder().issuer(LoginSettings.ISSUER.defaultValue())
                .audience(LoginSettings.AUDIENCE.defaultValue()).subject("carol").issueTime(now)
                .expirationTime(new Date(now.getTime() + 600_000)).jwtID(UUID.randomUUID().toString());
    }

    private static String nimbus(JWSAlgorithm alg, String kid, JWTClaimsSet claims, com.nimbusds.jose.JWSSigner signer)
            throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    @Test
    void tokensMadeByAnIndependentLibraryAreAcceptedWhenValidForEachAlgorithm() throws Exception {
        Path rsa = TestKeys.write(keysDir, "rsa.pub.pem", TestKeys.RSA.getPublic());
        Path ec = TestKeys.write(keysDir, "ec.pub.pem", TestKeys.EC.getPublic());
        start(b -> b.publicKeyFile("rsa-1", rsa).publicKeyFile("ec-1", ec));

        String hs = nimbus(JWSAlgorithm.HS256, KID, nimbusClaims().build(), new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        String rs = nimbus(JWSAlgorithm.RS256, "rsa-1", nimbusClaims().build(), new RSASSASigner(TestKeys.RSA.getPrivate()));
        String es = nimbus(JWSAlgorithm.ES256, "ec-1", nimbusClaims().build(), new ECDSASigner((ECPrivateKey) TestKeys.EC.getPrivate()));

        for (String token : List.of(hs, rs, es)) {
            Answer a = withHeader(token);
            assertEquals(200, a.status(), a::body);
            assertEquals("carol", a.json().get("remoteUser").asText());
        }
    }

    @Test
    void tokensMadeByAnIndependentLibraryAreRefusedWhenInvalid() throws Exception {
        Path rsa = TestKeys.write(keysDir, "rsa.pub.pem", TestKeys.RSA.getPublic());
        Path ec = TestKeys.write(keysDir, "ec.pub.pem", TestKeys.EC.getPublic());
        start(b -> b.publicKeyFile("rsa-1", rsa).publicKeyFile("ec-1", ec));
        RSASSASigner rsaSigner = new RSASSASigner(TestKeys.RSA.getPrivate());
        // a P-256 key of its own: an ES256 signer needs one, and JDK 25's default EC key is P-384
        java.security.KeyPairGenerator ecGenerator = java.security.KeyPairGenerator.getInstance("EC");
        ecGenerator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        java.security.KeyPair otherEc = ecGenerator.generateKeyPair();

        List<String> bad = List.of(
                nimbus(JWSAlgorithm.RS256, "rsa-1", nimbusClaims().audience("elsewhere").build(), rsaSigner),
                nimbus(JWSAlgorithm.RS256, "rsa-1", nimbusClaims().expirationTime(new Date(0)).build(), rsaSigner),
                nimbus(JWSAlgorithm.RS256, "ec-1", nimbusClaims().build(), rsaSigner), // kid of an ES256 key
                nimbus(JWSAlgorithm.PS256, "rsa-1", nimbusClaims().build(), rsaSigner), // same key, another alg
                nimbus(JWSAlgorithm.ES256, "ec-1", nimbusClaims().build(), new ECDSASigner((ECPrivateKey) otherEc.getPrivate())),
                nimbus(JWSAlgorithm.HS256, KID, nimbusClaims().build(), new MACSigner(OLD_SECRET.getBytes(StandardCharsets.UTF_8))));
        for (String token : bad) {
            assertRefused(withHeader(token), token);
        }
    }

    @Test
    void loginFilterSigningWithAnRsaKeyFileIsVerifiedByTheTokenFilter() throws Exception {
        Path priv = TestKeys.write(keysDir, "rsa.pem", TestKeys.RSA.getPrivate());
        Path pub = TestKeys.write(keysDir, "rsa.pub.pem", TestKeys.RSA.getPublic());
        SateLoginConfig login = SateLoginConfig.builder().apiKey("k").signingKeyFile(priv).keyId("2026-11").build();
        String token = JwtIssuer.forConfig(login).issue("dave").token();
        start(b -> b.publicKeyFile("2026-11", pub));

        Answer a = withHeader(token);

        assertEquals("RS256", JWT.decode(token).getAlgorithm());
        assertEquals(200, a.status(), a::body);
        assertEquals("dave", a.json().get("remoteUser").asText());
    }

    @Test
    void tokenWithAnUnknownCriticalHeaderIsRefused() throws Exception {
        start(b -> b);
        String crit = token(t -> t.withHeader(Map.of("crit", List.of("exp"), "kid", KID)));
        assertRefused(withHeader(crit), crit);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"sub\"", "\"s\\u0075b\"", "\"\\u0073ub\"", "\"su\\u0062\"", "\"\\u0073\\u0075\\u0062\"",
            "\"\\u0073\\u0075\\u0062\" ", "\"j\\u0074i\"", "\"\\u006Ati\"", "\"\\u006ati\"", "\"\\u006A\\u0074\\u0069\""})
    void aClaimNamedTwiceIsRefusedAsMalformedHoweverItsNameIsEscaped(String second) throws Exception {
        start(b -> b);
        long now = Instant.now().getEpochSecond();
        String claims = "{\"iss\":\"" + LoginSettings.ISSUER.defaultValue() + "\",\"aud\":\"sate\",\"sub\":\"alice\","
                + "\"jti\":\"j1\"," + second + ":\"admin\",\"iat\":" + now + ",\"exp\":" + (now + 600) + "}";
        String token = signedJson("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + KID + "\"}", claims);
        assertRefused(withHeader(token), token);
        assertEquals(Map.of("malformed", 1L), filter.stats().refusedByReason());
    }

    @Test
    void aNameSpelledWithAnOverlongUtf8SequenceIsRefusedAsMalformedNotReadAsTheName() throws Exception {
        start(b -> b);
        long now = Instant.now().getEpochSecond();
        byte[] claims = ("{\"iss\":\"" + LoginSettings.ISSUER.defaultValue() + "\",\"aud\":\"sate\",\"sXb\":\"alice\","
                + "\"iat\":" + now + ",\"exp\":" + (now + 600) + "}").getBytes(StandardCharsets.UTF_8);
        int u = new String(claims, StandardCharsets.UTF_8).indexOf("sXb") + 1;
        byte[] overlong = new byte[claims.length + 1]; // 'u' (0x75) as the two bytes C1 B5, which UTF-8 forbids
        System.arraycopy(claims, 0, overlong, 0, u);
        overlong[u] = (byte) 0xC1;
        overlong[u + 1] = (byte) 0xB5;
        System.arraycopy(claims, u + 1, overlong, u + 2, claims.length - u - 1);
        String token = signedBytes("{\"alg\":\"HS256\",\"kid\":\"" + KID + "\"}", overlong);
        assertRefused(withHeader(token), token);
        assertEquals(Map.of("malformed", 1L), filter.stats().refusedByReason());
    }

    @Test
    void aNameRepeatedOnlyInsideANestedClaimIsNotARepeatedClaim() throws Exception {
        start(b -> b);
        String token = token(t -> t.withClaim("x", Map.of("sub", 1)).withClaim("y", List.of(Map.of("sub", 2))));
        assertEquals(200, withHeader(token).status());
    }
}
