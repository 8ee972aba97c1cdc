package com.eusate.login;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTCreationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/** The built-in {@link TokenIssuer}: a JWT signed with the configured key. This class is thread-safe. */
final class JwtIssuer implements TokenIssuer {

    static final Set<String> REGISTERED = Set.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti");
    static final int MAX_SUBJECT_LENGTH = 256;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final Algorithm algorithm;
    private final String keyId;
    private final String issuer;
    private final String audience;
    private final Duration ttl;
    private final ClaimsCustomizer claims;
    private final Clock clock;

    JwtIssuer(Algorithm algorithm, String keyId, String issuer, String audience, Duration ttl,
              ClaimsCustomizer claims, Clock clock) {
        this.algorithm = algorithm;
        this.keyId = keyId;
        this.issuer = issuer;
        this.audience = audience;
        this.ttl = ttl;
        this.claims = claims;
        this.clock = clock;
    }

    @Override
    public IssuedToken issue(String subject) {
        if (subject == null || subject.isBlank() || subject.length() > MAX_SUBJECT_LENGTH) {
            throw new IllegalArgumentException("subject must be 1 to " + MAX_SUBJECT_LENGTH + " characters");
        }
        // JWT times are whole seconds; exp is what Sate receives as auth_token_expires_at_seconds
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(ttl);
        JWTCreator.Builder jwt = JWT.create()
                .withKeyId(keyId)
                .withIssuer(issuer)
                .withAudience(audience)
                .withSubject(subject)
                .withIssuedAt(now)
                .withExpiresAt(expiresAt)
                .withJWTId(newTokenId());
        Map<String, ?> extra = claims.extraClaims(subject);
        if (extra != null && !extra.isEmpty()) {
            for (String name : extra.keySet()) {
                if (REGISTERED.contains(name)) {
                    throw new IllegalArgumentException("ClaimsCustomizer may not set the registered claim [" + name + "]");
                }
            }
            jwt.withPayload(extra);
        }
        try {
            return new IssuedToken(jwt.sign(algorithm), expiresAt);
        } catch (JWTCreationException e) {
            throw new IllegalStateException("Could not sign the token: " + e.getMessage(), e);
        }
    }

    /**
     * 128 random bits, base64url. A jti needs to be unique, not secret (the token is signed), so the
     * fast ThreadLocalRandom serves; UUID.randomUUID() would cost a SecureRandom call per token.
     */
    static String newTokenId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] id = new byte[16];
        random.nextBytes(id);
        return B64.encodeToString(id);
    }

    @Override
    public String toString() {
        return "JwtIssuer[alg=" + algorithm.getName() + ", kid=" + keyId + ", iss=" + issuer + ", aud=" + audience + "]";
    }
}
