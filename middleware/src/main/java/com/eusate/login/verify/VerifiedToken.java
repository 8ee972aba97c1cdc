package com.eusate.login.verify;

import com.eusate.login.internal.verify.LazyClaims;
import java.security.Principal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token that {@code SateTokenFilter} has verified: the request's {@code getUserPrincipal()}, and
 * the request attribute {@code SateTokenFilter.TOKEN_ATTRIBUTE}, for the app's function to read.
 * {@link #toString()} shows no token. Immutable and thread-safe.
 *
 * @param subject   the customer ({@code sub}); also {@link #getName()} and {@code getRemoteUser()}
 * @param tokenId   {@code jti}, for {@link RevocationStore#revokeToken}; null if the token had none
 * @param keyId     the {@code kid} of the key that verified it
 * @param issuedAt  {@code iat}
 * @param expiresAt {@code exp}
 * @param claims    every claim of the payload, as JSON types (String, Number, Boolean, List, Map)
 */
public record VerifiedToken(String subject, String tokenId, String keyId, Instant issuedAt, Instant expiresAt,
                            Map<String, Object> claims) implements Principal {

    public VerifiedToken {
        if (!(claims instanceof LazyClaims)) {
            claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims)); // JSON null values allowed
        }
    }

    @Override
    public String getName() {
        return subject;
    }

    @Override
    public String toString() {
        return "VerifiedToken[sub=" + subject + ", jti=" + tokenId + ", kid=" + keyId + ", exp=" + expiresAt + "]";
    }
}
