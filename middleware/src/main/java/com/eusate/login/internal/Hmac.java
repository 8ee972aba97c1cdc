package com.eusate.login.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under one key, for the state cookie and the consent form's CSRF token. Keys for
 * different purposes are derived from the signing secret with a label, so a MAC made for one
 * purpose never verifies for another. This class is thread-safe.
 */
public final class Hmac {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;

    private Hmac(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /** A key for {@code purpose}, derived from {@code secret} (HMAC as a PRF, as in HKDF-Expand). */
    public static Hmac derive(byte[] secret, String purpose) {
        return new Hmac(new Hmac(secret).mac(purpose));
    }

    /**
     * The {@code kid} of an HMAC signing secret: a short fingerprint that names the key without
     * revealing it, so that rotating the secret changes the kid by itself.
     */
    public static String keyIdOf(byte[] secret) {
        return derive(secret, "sate-login/kid/v1").macBase64("kid").substring(0, 12);
    }

    public byte[] mac(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    public String macBase64(String message) {
        return B64.encodeToString(mac(message));
    }

    /** Constant-time check of a base64url MAC. */
    public boolean verifyBase64(String message, String candidate) {
        return candidate != null && MessageDigest.isEqual(
                macBase64(message).getBytes(StandardCharsets.US_ASCII),
                candidate.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "Hmac[key redacted]";
    }
}
