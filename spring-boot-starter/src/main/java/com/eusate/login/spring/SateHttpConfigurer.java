package com.eusate.login.spring;

import java.time.Instant;
import org.springframework.context.ApplicationContext;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.CsrfConfigurer;
import org.springframework.security.config.annotation.web.configurers.LogoutConfigurer;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.csrf.CsrfFilter;

/**
 * Sate's function side in every Spring Security filter chain of the app, applied by Spring Security
 * itself: it loads each {@code AbstractHttpConfigurer} listed in {@code META-INF/spring.factories}
 * into every {@code HttpSecurity} it makes, before the app's own configuration. For each chain:
 * <ul>
 *   <li>{@link SateTokenAuthenticationFilter} before the CSRF filter: a request with Sate's token
 *       becomes a {@link SateAuthenticationToken} of its customer;</li>
 *   <li>CSRF protection skipped for exactly the requests whose Sate token verified (a browser cannot
 *       be made to send one; a session-authenticated request keeps its CSRF check);</li>
 *   <li>a logout handler that revokes every Sate token of the customer who signs out, unless
 *       {@code sate.token.revoke-on-logout=false}.</li>
 * </ul>
 * Does nothing when the starter's function side is off ({@code sate.token.enabled=false}). Public
 * only because Spring Security instantiates it.
 */
public final class SateHttpConfigurer extends AbstractHttpConfigurer<SateHttpConfigurer, HttpSecurity> {

    @Override
    public void init(HttpSecurity http) {
        SateTokenSide side = side(http);
        if (side == null) {
            return;
        }
        CsrfConfigurer<?> csrf = http.getConfigurer(CsrfConfigurer.class);
        if (csrf != null) {
            csrf.ignoringRequestMatchers(SateTokenAuthenticationFilter.VERIFIED);
        }
        LogoutConfigurer<?> logout = http.getConfigurer(LogoutConfigurer.class);
        if (logout != null && side.revokeOnLogout()) {
            logout.addLogoutHandler((request, response, authentication) -> {
                if (authentication != null && authentication.isAuthenticated() && authentication.getName() != null) {
                    side.revocations().revokeSubject(authentication.getName(), Instant.now());
                }
            });
        }
    }

    @Override
    public void configure(HttpSecurity http) {
        SateTokenSide side = side(http);
        if (side == null) {
            return;
        }
        ApplicationContext context = http.getSharedObject(ApplicationContext.class);
        SecurityContextHolderStrategy holder = context.getBeanProvider(SecurityContextHolderStrategy.class)
                .getIfUnique(SecurityContextHolder::getContextHolderStrategy);
        http.addFilterBefore(new SateTokenAuthenticationFilter(side, holder), CsrfFilter.class);
    }

    private static SateTokenSide side(HttpSecurity http) {
        ApplicationContext context = http.getSharedObject(ApplicationContext.class);
        return context == null ? null : context.getBeanProvider(SateTokenSide.class).getIfAvailable();
    }
}
