package com.eusate.login.internal;

import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.SignatureGenerationException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HS256 as java-jwt's {@code Algorithm.HMAC256} computes it (the MAC of {@code header.payload}, a
 * constant-time comparison), with the key set up once: java-jwt looks up a {@code Mac} and keys it
 * again for every token, about a fifth of the CPU of verifying a token seen the first time. Each call
 * works on a copy of a keyed {@code Mac} that itself is never used, so this class is thread-safe.
 */
final class Hs256 extends Algorithm {

    private static final String JCA_NAME = "HmacSHA256";

    private final Mac keyed;

    Hs256(byte[] secret) {
        super("HS256", JCA_NAME);
        try {
            keyed = Mac.getInstance(JCA_NAME);
            keyed.init(new SecretKeySpec(secret, JCA_NAME));
            keyed.clone(); // fails here, at startup, if this JVM's provider cannot copy a keyed Mac
        } catch (GeneralSecurityException | CloneNotSupportedException e) {
            throw new IllegalStateException("HmacSHA256 with a copyable key state is not available in this JVM", e);
        }
    }

    @Override
    public void verify(DecodedJWT jwt) throws SignatureVerificationException {
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(jwt.getSignature());
        } catch (IllegalArgumentException e) {
            throw new SignatureVerificationException(this, e);
        }
        byte[] expected = sign(jwt.getHeader().getBytes(StandardCharsets.UTF_8),
                jwt.getPayload().getBytes(StandardCharsets.UTF_8));
        if (!MessageDigest.isEqual(expected, signature)) {
            throw new SignatureVerificationException(this);
        }
    }

    @Override
    public byte[] sign(byte[] headerBytes, byte[] payloadBytes) {
        Mac mac = copy();
        mac.update(headerBytes);
        mac.update((byte) '.');
        return mac.doFinal(payloadBytes);
    }

    @Override
    public byte[] sign(byte[] contentBytes) {
        return copy().doFinal(contentBytes);
    }

    private Mac copy() {
        try {
            return (Mac) keyed.clone();
        } catch (CloneNotSupportedException e) {
            throw new SignatureGenerationException(this, e); // checked in the constructor: not expected
        }
    }
}
