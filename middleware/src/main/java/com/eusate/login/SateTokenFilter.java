package com.eusate.login;

import com.eusate.login.internal.InitParams;
import com.eusate.login.internal.verify.TokenExtractor;
import com.eusate.login.internal.verify.TokenSettings;
import com.eusate.login.internal.verify.TokenVerifier;
import com.eusate.login.internal.verify.VerifiedRequest;
import com.eusate.login.verify.JdbcRevocationStore;
import com.eusate.login.verify.RevocationStore;
import com.eusate.login.verify.SateTokenConfig;
import com.eusate.login.verify.VerifiedToken;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Objects;

/**
 * The function side: protects the app's functions that Sate calls for a customer. It verifies the
 * token Sate presents and lets the request through with the token's subject as
 * {@code getUserPrincipal()} and {@code getRemoteUser()}, and the {@link VerifiedToken} in the request
 * attribute {@link #TOKEN_ATTRIBUTE}. Anything else is answered {@code 401} with
 * {@code WWW-Authenticate: Bearer error="invalid_token"} and a small JSON body that never repeats the
 * token or says what was wrong with it.
 *
 * <p>Configure it with init-params ({@code web.xml}; the README's table lists them) or a
 * {@link SateTokenConfig}. Everything it uses lives in {@code com.eusate.login.verify}.
 * <p>This class is thread-safe.
 */
public final class SateTokenFilter implements Filter {

    /** Request attribute holding the {@link VerifiedToken} of a request that passed. */
    public static final String TOKEN_ATTRIBUTE = VerifiedToken.class.getName();
    /** Servlet-context attribute holding the filter's {@link RevocationStore}; see {@link #revocationStore}. */
    private static final String REVOCATION_STORE_ATTRIBUTE = RevocationStore.class.getName();

    private static final System.Logger LOG = System.getLogger(SateTokenFilter.class.getName());
    private static final String INVALID_TOKEN_BODY = "{\"error\":\"invalid_token\","
            + "\"error_description\":\"The access token is missing, invalid, expired or revoked.\"}";

    private final SateTokenConfig given;
    private SateTokenConfig config;
    private TokenVerifier verifier;
    private TokenExtractor extractor;

    /** For {@code web.xml}: the settings come from init-params. */
    public SateTokenFilter() {
        this.given = null;
    }

    /** For code and Spring's {@code FilterRegistrationBean}: init-params are then not allowed. */
    public SateTokenFilter(SateTokenConfig config) {
        this.given = Objects.requireNonNull(config, "config");
    }

    /**
     * The revocation store of the token filter in this web app, for the app's logout handler:
     * {@code SateTokenFilter.revocationStore(ctx).revokeSubject(user, Instant.now())}.
     *
     * @throws IllegalStateException if no SateTokenFilter has started in this web app
     */
    public static RevocationStore revocationStore(ServletContext context) {
        Object store = context.getAttribute(REVOCATION_STORE_ATTRIBUTE);
        if (!(store instanceof RevocationStore revocations)) {
            throw new IllegalStateException("No SateTokenFilter has started in this web app, so there is no"
                    + " revocation store yet; check that the filter is declared and initialised before this call");
        }
        return revocations;
    }

    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        config = InitParams.start(this, filterConfig, given, SateTokenConfig::fromInitParams, c -> c);
        verifier = new TokenVerifier(config);
        extractor = new TokenExtractor(config);
        ServletContext context = filterConfig.getServletContext();
        if (context != null && context.getAttribute(REVOCATION_STORE_ATTRIBUTE) == null) {
            context.setAttribute(REVOCATION_STORE_ATTRIBUTE, config.revocationStore());
        }
        LOG.log(Level.INFO, "SateTokenFilter [{0}] ready: {1}", filterConfig.getFilterName(), config);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (verifier == null) {
            throw new ServletException("SateTokenFilter was not initialised");
        }
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            throw new ServletException("SateTokenFilter handles HTTP requests only");
        }
        TokenExtractor.Found found;
        try {
            found = extractor.extract(request);
        } catch (TokenExtractor.TooLarge e) {
            answer(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, false,
                    "{\"error\":\"request_too_large\",\"error_description\":\"The request body is larger than "
                            + config.get(TokenSettings.MAX_BODY_BYTES) + " bytes.\"}");
            return;
        }
        VerifiedToken token;
        try {
            token = verifier.verify(found.token());
        } catch (TokenVerifier.Rejected e) {
            LOG.log(Level.DEBUG, "Refused a Sate token on {0}: {1}", request.getRequestURI(), e.failure);
            answer(response, HttpServletResponse.SC_UNAUTHORIZED, true, INVALID_TOKEN_BODY);
            return;
        } catch (JdbcRevocationStore.RevocationCheckException e) {
            LOG.log(Level.ERROR, "Could not check a Sate token for revocation on {0}: {1}", request.getRequestURI(),
                    e.getMessage());
            response.setHeader("Retry-After", "5");
            answer(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, false,
                    "{\"error\":\"temporarily_unavailable\"}");
            return;
        }
        VerifiedRequest verified = new VerifiedRequest(request, token, found.body());
        verified.setAttribute(TOKEN_ATTRIBUTE, token);
        chain.doFilter(verified, response);
    }

    private static void answer(HttpServletResponse response, int status, boolean challenge, String json)
            throws IOException {
        response.setStatus(status);
        if (challenge) {
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        }
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json);
    }

    @Override
    public void destroy() {
    }

    @Override
    public String toString() {
        return "SateTokenFilter[" + (config != null ? config : given) + "]";
    }
}
