package com.eusate.login.signin;

import java.time.Instant;
import java.util.Objects;

/**
 * A token for Sate and the moment it stops being valid, as a {@link TokenIssuer} returns it.
 * {@link #toString()} never shows the token. Immutable and thread-safe.
 *
 * @param token     the value Sate will present to the app's functions
 * @param expiresAt sent to Sate as {@code auth_token_expires_at_seconds} (whole seconds)
 */
public record IssuedToken(String token, Instant expiresAt) {

    public IssuedToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (token.isBlank()) {
            throw new IllegalArgumentException("token must not be blank");
        }
    }

    @Override
    public String toString() {
        return "IssuedToken[token=(redacted), expiresAt=" + expiresAt + "]";
    }
}
