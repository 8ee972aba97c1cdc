package com.eusate.login.spring;

import com.eusate.login.signin.SubjectResolver;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * The signed-in customer as Spring Security knows them, for {@code SateLoginFilter}, which runs
 * before Spring Security's filter chain: the current thread's {@code SecurityContext} if there is
 * one, else the context Spring Security saved for this request or session (its default
 * {@link SecurityContextRepository}: the request attribute of the request in which the login
 * happened, then the HTTP session). Form login, the generated login page, OAuth 2 / OpenID Connect
 * login and any session fixation strategy all end there. Anonymous and remember-me-less
 * unauthenticated contexts are nobody. Thread-safe.
 */
final class SpringSecuritySubjectResolver implements SubjectResolver {

    private final SecurityContextHolderStrategy holder;
    private final SecurityContextRepository repository;
    private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();

    SpringSecuritySubjectResolver(SecurityContextHolderStrategy holder, SecurityContextRepository repository) {
        this.holder = holder;
        this.repository = repository != null ? repository : new DelegatingSecurityContextRepository(
                new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());
    }

    @Override
    public Optional<String> subjectOf(HttpServletRequest request) {
        Optional<String> current = nameOf(holder.getContext());
        if (current.isPresent()) {
            return current;
        }
        try {
            return nameOf(repository.loadDeferredContext(request).get());
        } catch (IllegalStateException invalidated) {
            return Optional.empty(); // the session was invalidated in this request: nobody
        }
    }

    private Optional<String> nameOf(SecurityContext context) {
        Authentication authentication = context == null ? null : context.getAuthentication();
        if (authentication == null || !authentication.isAuthenticated() || trust.isAnonymous(authentication)
                || authentication instanceof SateAuthenticationToken) {
            return Optional.empty(); // Sate's own token does not sign anyone in to a browser login
        }
        String name = authentication.getName();
        return name == null || name.isBlank() ? Optional.empty() : Optional.of(name);
    }

    @Override
    public String toString() {
        return "spring-security";
    }
}
