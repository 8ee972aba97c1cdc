package com.eusate.login.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Turns values that must not be logged into something a log line may carry. */
public final class Redact {

    private Redact() {
    }

    /**
     * A short, stable fingerprint of a secret-ish value (a state), so that log lines about the same
     * login can be matched without the value itself: the first 8 hex digits of its SHA-256.
     */
    public static String hash(String value) {
        if (value == null) {
            return "-";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return "#" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /**
     * Makes text that came from the network safe for one log line: control characters replaced,
     * length bounded, and any of the given secrets cut out in case the peer echoed them.
     */
    public static String forLog(String text, int maxLength, String... secrets) {
        if (text == null) {
            return "";
        }
        String s = text;
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                s = s.replace(secret, "[redacted]");
            }
        }
        StringBuilder out = new StringBuilder(Math.min(s.length(), maxLength));
        for (int i = 0; i < s.length() && out.length() < maxLength; i++) {
            char c = s.charAt(i);
            out.append(isUnsafeInALogLine(c) ? '?' : c);
        }
        if (s.length() > maxLength) {
            out.append("...");
        }
        return out.toString();
    }

    /** Line breaks of any kind (U+2028 too), control and bidi/format characters. */
    private static boolean isUnsafeInALogLine(char c) {
        int type = Character.getType(c);
        return Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }
}
