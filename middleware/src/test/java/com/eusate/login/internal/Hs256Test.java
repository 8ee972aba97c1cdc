package com.eusate.login.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Our HS256 against java-jwt's {@code Algorithm.HMAC256}, the implementation it replaces. */
class Hs256Test {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    @Test
    void signsExactlyAsJavaJwtForSeededKeysAndInputsOfManyLengths() {
        Random random = new Random(20261206);
        for (int i = 0; i < 500; i++) {
            byte[] secret = bytes(random, 32 + random.nextInt(100)); // longer than a block too: hashed first
            byte[] header = bytes(random, random.nextInt(300));
            byte[] payload = bytes(random, random.nextInt(300));
            Algorithm theirs = Algorithm.HMAC256(secret);
            Algorithm ours = Keys.hs256(secret);

            assertArrayEquals(theirs.sign(header, payload), ours.sign(header, payload), "case " + i);
            assertArrayEquals(theirs.sign(payload), ours.sign(payload), "case " + i);
        }
    }

    @Test
    void acceptsWhatJavaJwtSignsAndRefusesEachOneBitFlipTruncationExtensionAndForeignKeyAsJavaJwtDoes() {
        Random random = new Random(7);
        byte[] secret = bytes(random, 32);
        byte[] otherSecret = bytes(random, 32);
        Algorithm theirs = Algorithm.HMAC256(secret);
        Algorithm ours = Keys.hs256(secret);
        String token = JWT.create().withSubject("alice").withClaim("n", 42).sign(theirs);
        String signingInput = token.substring(0, token.lastIndexOf('.'));
        String signature = token.substring(token.lastIndexOf('.') + 1);
        byte[] raw = Base64.getUrlDecoder().decode(signature);
        List<String> forged = new ArrayList<>();
        for (int bit = 0; bit < raw.length * 8; bit++) {
            byte[] flipped = raw.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            forged.add(signingInput + "." + B64.encodeToString(flipped));
        }
        forged.add(signingInput + "." + B64.encodeToString(Arrays.copyOf(raw, 31))); // truncated
        forged.add(signingInput + "." + signature + "AA"); // extended
        forged.add(signingInput + "."); // none
        forged.add(signingInput + ".@@@@"); // not base64url
        forged.add(JWT.create().withSubject("alice").withClaim("n", 42).sign(Algorithm.HMAC256(otherSecret)));
        forged.add(signingInput + "x." + signature); // another signing input

        assertDoesNotThrow(() -> ours.verify(JWT.decode(token)));
        for (String f : forged) {
            DecodedJWT jwt = parts(f);
            assertThrows(SignatureVerificationException.class, () -> theirs.verify(jwt), f);
            assertThrows(SignatureVerificationException.class, () -> ours.verify(jwt), f);
        }
        assertEquals(theirs.getName(), ours.getName());
    }

    @Test
    void manyThreadsVerifyingAndSigningAtOnceEachGetTheirOwnCorrectAnswer() throws Exception {
        byte[] secret = "a shared secret of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8);
        Algorithm theirs = Algorithm.HMAC256(secret);
        Algorithm ours = Keys.hs256(secret);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        byte[] payload = ("payload " + thread + " " + i).getBytes(StandardCharsets.UTF_8);
                        assertArrayEquals(theirs.sign(payload), ours.sign(payload));
                        String token = JWT.create().withClaim("t", thread).withClaim("i", i).sign(theirs);
                        ours.verify(JWT.decode(token));
                    }
                    return null;
                }));
            }
            for (Future<?> f : results) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** The parts of a compact JWS as text, without java-jwt's JSON decoding (a forged part need not be JSON). */
    private static DecodedJWT parts(String jws) {
        String[] p = jws.split("\\.", -1);
        return (DecodedJWT) Proxy.newProxyInstance(DecodedJWT.class.getClassLoader(),
                new Class<?>[] {DecodedJWT.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeader" -> p[0];
                    case "getPayload" -> p[1];
                    case "getSignature" -> p[2];
                    case "getToken" -> jws;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
