package com.eusate.login.internal.signin;

import com.auth0.jwt.JWT;
import com.eusate.login.internal.Hmac;
import com.eusate.login.internal.Keys;
import com.eusate.login.signin.IssuedToken;
import com.eusate.login.signin.SateLoginConfig;
import com.eusate.login.signin.TokenIssuer;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTCreationException;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.Function;
import java.util.Set;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/** The built-in {@link TokenIssuer}: a JWT signed with the configured key. This class is thread-safe. */
public final class JwtIssuer implements TokenIssuer {

    static final Set<String> REGISTERED = Set.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti");
    static final int MAX_SUBJECT_LENGTH = 256;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final Algorithm algorithm;
    private final String keyId;
    private final String issuer;
    private final String audience;
    private final Duration ttl;
    private final Function<String, Map<String, ?>> claims;
    private final Clock clock;

    public JwtIssuer(Algorithm algorithm, String keyId, String issuer, String audience, Duration ttl,
              Function<String, Map<String, ?>> claims, Clock clock) {
        this.algorithm = algorithm;
        this.keyId = keyId;
        this.issuer = issuer;
        this.audience = audience;
        this.ttl = ttl;
        this.claims = claims;
        this.clock = clock;
    }

    /** The built-in issuer of a login filter: its key, kid, claims and lifetime. */
    public static JwtIssuer forConfig(SateLoginConfig config) {
        byte[] secret = config.get(LoginSettings.SIGNING_SECRET);
        PrivateKey key = config.get(LoginSettings.SIGNING_KEY_FILE);
        Algorithm algorithm = key != null ? Keys.forPrivateKey(key, "signing-key-file") : Keys.hs256(secret);
        String keyId = config.get(LoginSettings.KEY_ID) != null ? config.get(LoginSettings.KEY_ID) : Hmac.keyIdOf(secret);
        return new JwtIssuer(algorithm, keyId, config.get(LoginSettings.ISSUER), config.get(LoginSettings.AUDIENCE),
                config.get(LoginSettings.TOKEN_TTL), config.get(LoginSettings.CLAIMS), config.get(LoginSettings.CLOCK));
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
        Map<String, ?> extra = claims.apply(subject);
        if (extra != null && !extra.isEmpty()) {
            for (String name : extra.keySet()) {
                if (REGISTERED.contains(name)) {
                    throw new IllegalArgumentException("claims may not set the registered claim [" + name + "]");
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
    public static String newTokenId() {
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
