package com.eusate.login.spring;

import com.eusate.login.verify.VerifiedToken;
import java.util.Collection;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * A request that carried a valid Sate token, as Spring Security sees it: {@link #getName()} is the
 * customer (the token's {@code sub}), {@link #getPrincipal()} and {@link #getDetails()} the
 * {@link VerifiedToken}, the authorities those of {@code sate.token.authorities} ({@code SATE} by
 * default). The token itself is never kept: {@link #getCredentials()} is null. Immutable.
 */
public final class SateAuthenticationToken extends AbstractAuthenticationToken {

    private static final long serialVersionUID = 1L;

    private final VerifiedToken token;

    SateAuthenticationToken(VerifiedToken token, Collection<? extends GrantedAuthority> authorities) {
        super(authorities);
        this.token = token;
        setDetails(token);
        super.setAuthenticated(true);
    }

    /** The verified claims: subject, token id, key id, issue and expiry times, every claim. */
    public VerifiedToken token() {
        return token;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return token;
    }

    @Override
    public String getName() {
        return token.subject();
    }

    @Override
    public void setAuthenticated(boolean authenticated) {
        if (authenticated) {
            throw new IllegalArgumentException("a SateAuthenticationToken is authenticated by verification only");
        }
        super.setAuthenticated(false);
    }
}
