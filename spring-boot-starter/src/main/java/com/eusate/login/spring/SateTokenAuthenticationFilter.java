package com.eusate.login.spring;

import com.eusate.login.SateTokenFilter;
import com.eusate.login.internal.QueryString;
import com.eusate.login.verify.TokenLocation;
import com.eusate.login.verify.VerifiedToken;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.springframework.http.server.PathContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Sate's token inside Spring Security's filter chain, placed before its CSRF filter: a request on
 * {@code sate.token.paths} is handed to {@link SateTokenFilter} (the same verification, revocation
 * check and {@code 401}/{@code 503} answers as everywhere else); only if a token verified in this
 * request does it go on with a {@link SateAuthenticationToken} of the customer in the
 * {@code SecurityContext} (for this request only, never saved to a session), exempt from CSRF
 * protection. A request without a token (in a body: without the field) is refused with
 * {@code when-no-token=reject}, and with {@code pass}, the starter's default, goes on untouched to the
 * app's own login, session and CSRF protection. Thread-safe.
 */
final class SateTokenAuthenticationFilter extends OncePerRequestFilter {

    /** Set on a request whose Sate token verified; the CSRF exemption matches it. */
    static final String VERIFIED_ATTRIBUTE = SateTokenAuthenticationFilter.class.getName() + ".verified";
    /** Matches only requests whose Sate token this filter has verified. */
    static final RequestMatcher VERIFIED = request -> request.getAttribute(VERIFIED_ATTRIBUTE) != null;

    private final SateTokenFilter tokenFilter;
    private final TokenLocation location;
    private final String name;
    private final String prefix;
    private final List<PathPattern> paths;
    private final List<GrantedAuthority> authorities;
    private final SecurityContextHolderStrategy holder;
    private final SateTokenOutcomes outcomes;
    private final boolean passWithoutToken;

    SateTokenAuthenticationFilter(SateTokenSide side, SecurityContextHolderStrategy holder) {
        this.tokenFilter = side.filter();
        this.location = side.location();
        this.name = side.name();
        this.prefix = side.prefix().toLowerCase(Locale.ROOT);
        PathPatternParser parser = new PathPatternParser();
        this.paths = side.paths().stream().map(parser::parse).toList();
        this.authorities = side.authorities();
        this.holder = holder;
        this.outcomes = side.outcomes();
        this.passWithoutToken = side.passWithoutToken();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!onPath(request) || (passWithoutToken && !mayCarryToken(request))) {
            chain.doFilter(request, response);
            return;
        }
        boolean[] reached = {false};
        tokenFilter.doFilter(request, response, (passed, res) -> {
            reached[0] = true;
            // only a token the filter verified in this request makes an Authentication; with
            // when-no-token=pass the chain is reached without one, and Spring Security's own rules decide
            VerifiedToken token = (VerifiedToken) passed.getAttribute(SateTokenFilter.TOKEN_ATTRIBUTE);
            if (token == null) {
                chain.doFilter(passed, res);
                return;
            }
            SecurityContext context = holder.createEmptyContext();
            context.setAuthentication(new SateAuthenticationToken(token, authorities));
            holder.setContext(context);
            passed.setAttribute(VERIFIED_ATTRIBUTE, Boolean.TRUE);
            outcomes.accepted();
            chain.doFilter(passed, res);
        });
        if (!reached[0]) {
            outcomes.refused(response.getStatus());
        }
    }

    /**
     * Whether the request may carry a token where Sate puts it: a cheap look, so that with
     * when-no-token=pass the rest go by untouched; the token filter judges the others (in a body, it
     * reads the field).
     */
    private boolean mayCarryToken(HttpServletRequest request) {
        return switch (location) {
            case HEADER -> {
                List<String> values = Collections.list(request.getHeaders(name));
                yield !values.isEmpty() && values.stream().anyMatch(v -> v.strip().toLowerCase(Locale.ROOT)
                        .startsWith(prefix));
            }
            case QUERY -> QueryString.single(request.getQueryString(), name).count() != QueryString.Count.ABSENT;
            case BODY -> {
                String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
                yield !"GET".equals(request.getMethod()) && (type.contains("json")
                        || type.startsWith("application/x-www-form-urlencoded"));
            }
        };
    }

    private boolean onPath(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String path = uri.substring(Math.min(request.getContextPath().length(), uri.length()));
        PathContainer container = PathContainer.parsePath(path.isEmpty() ? "/" : path);
        return paths.stream().anyMatch(p -> p.matches(container));
    }
}
