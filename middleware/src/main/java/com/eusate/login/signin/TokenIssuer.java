package com.eusate.login.signin;

/**
 * Makes the token that Sate receives for a signed-in customer. The default signs a JWT with the
 * configured key; apps that already have their own API tokens plug in their issuer here.
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface TokenIssuer {

    /**
     * Issues a token for {@code subject}.
     *
     * @throws RuntimeException if no token can be issued; the customer is told the connection failed
     */
    IssuedToken issue(String subject);
}
