package com.eusate.login;

import com.eusate.login.internal.Hmac;
import com.eusate.login.internal.signin.JwtIssuer;
import com.eusate.login.internal.signin.LoginSettings;
import com.eusate.login.internal.verify.TokenVerifier;
import com.eusate.login.verify.SateTokenConfig;
import com.eusate.login.verify.VerifiedToken;
import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Verifying a token, against the physical floor (one HMAC-SHA256 over the token's signing input)
 * for a token Sate presents again, and against raw java-jwt for tokens seen the first time. Every
 * operation starts from a fresh copy of the header value, as a request would.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class VerifyBenchmark {

    static final String SECRET = "benchmark-signing-secret-0123456789abcdef";
    /** More distinct tokens than the verifier caches, so that each one is new to it. */
    static final int FIRST_SEEN_POOL = 3 * TokenVerifier.MAX_CACHED;

    private char[] repeated;
    private String[] pool;
    private int next;
    private Mac mac;
    private TokenVerifier cachedVerifier;
    private TokenVerifier firstSeenVerifier;
    private JWTVerifier rawVerifier;

    @Setup
    public void setup() throws Exception {
        byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
        JwtIssuer issuer = new JwtIssuer(Algorithm.HMAC256(secret), Hmac.keyIdOf(secret), LoginSettings.ISSUER.defaultValue(),
                LoginSettings.AUDIENCE.defaultValue(), Duration.ofDays(1), subject -> Map.of(), Clock.systemUTC());
        repeated = issuer.issue("alice").token().toCharArray();
        pool = new String[FIRST_SEEN_POOL];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = issuer.issue("customer-" + i).token();
        }
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        SateTokenConfig config = SateTokenConfig.builder().signingSecret(SECRET).maxTokenTtl(Duration.ofDays(1)).build();
        cachedVerifier = new TokenVerifier(config);
        cachedVerifier.verify(new String(repeated));
        firstSeenVerifier = new TokenVerifier(config);
        rawVerifier = JWT.require(Algorithm.HMAC256(secret)).withIssuer(LoginSettings.ISSUER.defaultValue())
                .withAudience(LoginSettings.AUDIENCE.defaultValue()).withClaimPresence("sub").withClaimPresence("iat")
                .withClaimPresence("exp").acceptLeeway(30).build();
    }

    @Benchmark
    public byte[] hmacFloor() {
        String token = new String(repeated);
        return mac.doFinal(token.substring(0, token.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII));
    }

    @Benchmark
    public VerifiedToken sateVerifyRepeated() throws Exception {
        return cachedVerifier.verify(new String(repeated));
    }

    @Benchmark
    public DecodedJWT rawJavaJwtVerifyFirstSeen() {
        return rawVerifier.verify(pool[next++ % FIRST_SEEN_POOL]);
    }

    @Benchmark
    public VerifiedToken sateVerifyFirstSeen() throws Exception {
        return firstSeenVerifier.verify(pool[next++ % FIRST_SEEN_POOL]);
    }
}
