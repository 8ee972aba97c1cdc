package com.eusate.login;

import com.eusate.login.internal.Hmac;
import com.eusate.login.internal.Keys;
import com.eusate.login.internal.signin.JwtIssuer;
import com.eusate.login.internal.signin.LoginSettings;
import com.eusate.login.signin.IssuedToken;
import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Issuing a token against raw java-jwt HS256 signing of the same claims (the jti given, not made). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class IssueBenchmark {

    static final byte[] SECRET = "benchmark-signing-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    private final Algorithm algorithm = Algorithm.HMAC256(SECRET);
    private final String kid = Hmac.keyIdOf(SECRET);
    private final String jti = JwtIssuer.newTokenId();
    private JwtIssuer issuer;

    @Setup
    public void setup() {
        // ours with the algorithm the configuration gives it (Keys.hs256), as an integrator runs it
        issuer = new JwtIssuer(Keys.hs256(SECRET), kid, LoginSettings.ISSUER.defaultValue(), LoginSettings.AUDIENCE.defaultValue(),
                Duration.ofHours(1), subject -> Map.of(), Clock.systemUTC());
    }

    @Benchmark
    public String rawJavaJwtSign() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return JWT.create().withKeyId(kid).withIssuer(LoginSettings.ISSUER.defaultValue())
                .withAudience(LoginSettings.AUDIENCE.defaultValue()).withSubject("alice").withIssuedAt(now)
                .withExpiresAt(now.plus(Duration.ofHours(1))).withJWTId(jti).sign(algorithm);
    }

    @Benchmark
    public IssuedToken sateIssue() {
        return issuer.issue("alice");
    }
}
