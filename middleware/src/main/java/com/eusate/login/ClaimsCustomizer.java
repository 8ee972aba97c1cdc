package com.eusate.login;

import java.util.Map;

/**
 * Adds a few claims of the app's own to each JWT the default issuer signs. Keep them minimal: Sate
 * stores the token. The registered claims ({@code iss aud sub iat exp jti nbf}) cannot be replaced.
 * Values must be strings, numbers, booleans, or lists and maps of those.
 */
@FunctionalInterface
public interface ClaimsCustomizer {

    ClaimsCustomizer NONE = subject -> Map.of();

    Map<String, ?> extraClaims(String subject);
}
