package com.eusate.login.internal;

import com.auth0.jwt.algorithms.Algorithm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Turns configured key material into java-jwt algorithms. The algorithm of a key is fixed by the
 * key's type: an HMAC secret is HS256, an RSA key RS256, a P-256 key ES256; it is never taken from a
 * token.
 */
public final class Keys {

    static final int MIN_RSA_BITS = 2048;
    /** HS256 needs a key at least as long as its output: 256 bits. */
    static final int MIN_SECRET_BYTES = 32;

    private Keys() {
    }

    /** One key a token may be verified with, found by its {@code kid}. */
    public record VerificationKey(String keyId, Algorithm algorithm) {
        @Override
        public String toString() {
            return "VerificationKey[kid=" + keyId + ", alg=" + algorithm.getName() + "]";
        }
    }

    /** The bytes of an HS256 secret given as the init-param {@code param}; at least 32 of them. */
    public static byte[] secret(String param, String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException(param + " must not be empty: set it to at least "
                    + MIN_SECRET_BYTES + " random bytes (openssl rand -base64 32)");
        }
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException(param + " must be at least " + MIN_SECRET_BYTES
                    + " bytes, but was " + bytes.length + " bytes: generate one with openssl rand -base64 32");
        }
        return bytes;
    }

    public static Algorithm hs256(byte[] secret) {
        return new Hs256(secret);
    }

    public static Algorithm forPrivateKey(PrivateKey key, String what) {
        if (key instanceof RSAPrivateKey rsa) {
            checkRsa(rsa, what);
            return Algorithm.RSA256(null, rsa);
        }
        if (key instanceof ECPrivateKey ec) {
            checkP256(ec, what);
            return Algorithm.ECDSA256(null, ec);
        }
        throw new IllegalArgumentException(what + " must be an RSA (RS256) or P-256 EC (ES256) private key, but was "
                + key.getAlgorithm());
    }

    public static Algorithm forPublicKey(PublicKey key, String what) {
        if (key instanceof RSAPublicKey rsa) {
            checkRsa(rsa, what);
            return Algorithm.RSA256(rsa, null);
        }
        if (key instanceof ECPublicKey ec) {
            checkP256(ec, what);
            return Algorithm.ECDSA256(ec, null);
        }
        throw new IllegalArgumentException(what + " must be an RSA (RS256) or P-256 EC (ES256) public key, but was "
                + key.getAlgorithm());
    }

    private static void checkRsa(RSAKey key, String what) {
        if (key.getModulus().bitLength() < MIN_RSA_BITS) {
            throw new IllegalArgumentException(what + " is a " + key.getModulus().bitLength() + "-bit RSA key; use at least "
                    + MIN_RSA_BITS + " bits (openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048)");
        }
    }

    private static void checkP256(ECKey key, String what) {
        if (key.getParams().getCurve().getField().getFieldSize() != 256) {
            throw new IllegalArgumentException(what + " is an EC key on a curve other than P-256; ES256 needs P-256"
                    + " (openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256)");
        }
    }

    /** Reads a PKCS#8 PEM private key ({@code -----BEGIN PRIVATE KEY-----}), RSA or EC. */
    public static PrivateKey readPrivateKey(Path file, String what) {
        byte[] der = pem(file, "PRIVATE KEY", what);
        for (String type : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next type
            }
        }
        throw new IllegalArgumentException(what + " [" + file + "] is not an RSA or EC private key in PKCS#8 PEM;"
                + " convert it with openssl pkcs8 -topk8 -nocrypt");
    }

    /** Reads an X.509 PEM public key ({@code -----BEGIN PUBLIC KEY-----}), RSA or EC. */
    public static PublicKey readPublicKey(Path file, String what) {
        byte[] der = pem(file, "PUBLIC KEY", what);
        for (String type : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next type
            }
        }
        throw new IllegalArgumentException(what + " [" + file + "] is not an RSA or EC public key in PEM;"
                + " export it with openssl pkey -pubout");
    }

    private static byte[] pem(Path file, String label, String what) {
        String text;
        try {
            if (Files.size(file) > 64 * 1024) {
                throw new IllegalArgumentException(what + " [" + file + "] is too large to be a PEM key");
            }
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " [" + file + "] cannot be read: " + e.getClass().getSimpleName());
        }
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException(what + " [" + file + "] has no " + begin + " block");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " [" + file + "] has a damaged " + label + " block");
        }
    }

    public static void checkKeyId(String keyId, String what) {
        if (keyId == null || !keyId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException(what + " must be 1 to 64 letters, digits, '-', '_' or '.', but was ["
                    + keyId + "]");
        }
    }
}
