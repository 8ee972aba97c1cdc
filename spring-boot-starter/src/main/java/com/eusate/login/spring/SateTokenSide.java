package com.eusate.login.spring;

import com.eusate.login.SateTokenFilter;
import com.eusate.login.internal.verify.TokenSettings;
import com.eusate.login.verify.RevocationStore;
import com.eusate.login.verify.SateTokenConfig;
import com.eusate.login.verify.TokenLocation;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;

/**
 * The function side as the starter set it up: the started {@link SateTokenFilter}, where Sate's
 * token is looked for, which paths accept it, the authorities it grants, the revocation store and
 * whether logout revokes. Spring Security's configuration reads it from this bean.
 */
final class SateTokenSide {

    private final SateTokenFilter filter;
    private final SateTokenConfig config;
    private final List<String> paths;
    private final List<GrantedAuthority> authorities;
    private final boolean revokeOnLogout;
    private volatile SateTokenOutcomes outcomes = SateTokenOutcomes.NONE;

    SateTokenSide(SateTokenFilter filter, SateTokenConfig config, List<String> paths,
                  List<GrantedAuthority> authorities, boolean revokeOnLogout) {
        this.filter = filter;
        this.config = config;
        this.paths = paths;
        this.authorities = authorities;
        this.revokeOnLogout = revokeOnLogout;
    }

    SateTokenFilter filter() {
        return filter;
    }

    TokenLocation location() {
        return config.get(TokenSettings.TOKEN_LOCATION);
    }

    String name() {
        return config.get(TokenSettings.TOKEN_NAME);
    }

    boolean passWithoutToken() {
        return config.get(TokenSettings.PASS_WITHOUT_TOKEN);
    }

    String prefix() {
        return config.get(TokenSettings.TOKEN_PREFIX);
    }

    List<String> paths() {
        return paths;
    }

    List<GrantedAuthority> authorities() {
        return authorities;
    }

    RevocationStore revocations() {
        return config.revocationStore();
    }

    boolean revokeOnLogout() {
        return revokeOnLogout;
    }

    SateTokenOutcomes outcomes() {
        return outcomes;
    }

    void outcomes(SateTokenOutcomes outcomes) {
        this.outcomes = outcomes;
    }
}
