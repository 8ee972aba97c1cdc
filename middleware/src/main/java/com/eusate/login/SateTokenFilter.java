package com.eusate.login;

import com.eusate.login.internal.InitParams;
import com.eusate.login.internal.RateLimitedLog;
import com.eusate.login.internal.Redact;
import com.eusate.login.internal.RequestPath;
import com.eusate.login.internal.verify.InMemoryRevocationStore;
import com.eusate.login.internal.verify.TokenExtractor;
import com.eusate.login.internal.verify.TokenSettings;
import com.eusate.login.internal.verify.TokenVerifier;
import com.eusate.login.internal.verify.VerifiedRequest;
import com.eusate.login.verify.RevocationStore;
import com.eusate.login.verify.SateTokenConfig;
import com.eusate.login.verify.SateTokenStats;
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
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The function side: protects the app's functions that Sate calls for a customer. It verifies the
 * token Sate presents and lets the request through with the token's subject as
 * {@code getUserPrincipal()} and {@code getRemoteUser()}, and the {@link VerifiedToken} in the request
 * attribute {@link #TOKEN_ATTRIBUTE}. Anything else is answered {@code 401} with
 * {@code WWW-Authenticate: Bearer error="invalid_token"} and a small JSON body that never repeats the
 * token or says what was wrong with it.
 *
 * <p>Configure it with init-params ({@code web.xml}; the configuration reference, docs/configuration.md, lists them) or a
 * {@link SateTokenConfig}. Everything it uses lives in {@code com.eusate.login.verify}.
 * <p>This class is thread-safe.
 */
public final class SateTokenFilter implements Filter {

    /** Request attribute holding the {@link VerifiedToken} of a request that passed. */
    public static final String TOKEN_ATTRIBUTE = VerifiedToken.class.getName();
    /** Servlet-context attribute holding the filter's {@link RevocationStore}; see {@link #revocationStore}. */
    private static final String REVOCATION_STORE_ATTRIBUTE = RevocationStore.class.getName();

    /** Servlet-context attribute holding the first token filter started, for {@link #stats(ServletContext)}. */
    private static final String FILTER_ATTRIBUTE = SateTokenFilter.class.getName();

    private static final System.Logger LOG = System.getLogger(SateTokenFilter.class.getName());
    private static final String INVALID_TOKEN_BODY = "{\"error\":\"invalid_token\","
            + "\"error_description\":\"The access token is missing, invalid, expired or revoked.\"}";

    private final SateTokenConfig given;
    private SateTokenConfig config;
    private TokenVerifier verifier;
    private TokenExtractor extractor;
    private boolean passWithoutToken;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder passedWithoutToken = new LongAdder();
    private final LongAdder storeUnavailable = new LongAdder();
    private final Map<TokenVerifier.Failure, LongAdder> refused = new EnumMap<>(TokenVerifier.Failure.class);
    /**
     * Anyone can send a bad token: refusals are logged at INFO, at most 10 a minute for each reason,
     * so that a flood of junk cannot hide the one line that says why Sate's real calls fail.
     */
    private final Map<TokenVerifier.Failure, RateLimitedLog> refusals = new EnumMap<>(TokenVerifier.Failure.class);
    private final RateLimitedLog storeFailures = new RateLimitedLog(LOG, 10);

    {
        for (TokenVerifier.Failure failure : TokenVerifier.Failure.values()) {
            refused.put(failure, new LongAdder());
            refusals.put(failure, new RateLimitedLog(LOG, 10));
        }
    }

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
        if (context != null && context.getAttribute(FILTER_ATTRIBUTE) == null) {
            context.setAttribute(FILTER_ATTRIBUTE, this);
        }
        passWithoutToken = config.get(TokenSettings.PASS_WITHOUT_TOKEN);
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
        if (!found.present() && passWithoutToken) {
            passedWithoutToken.increment(); // the app's own authentication decides
            chain.doFilter(found.body() == null ? request : new VerifiedRequest(request, null, found.body()), response);
            return;
        }
        VerifiedToken token;
        try {
            token = verifier.verify(found.token());
        } catch (TokenVerifier.Rejected e) {
            refused.get(e.failure).increment();
            refusals.get(e.failure).log(Level.INFO, "Refused a Sate token on {0}: {1}", RequestPath.forLog(request),
                    e.failure.name().toLowerCase(Locale.ROOT));
            answer(response, HttpServletResponse.SC_UNAUTHORIZED, true, INVALID_TOKEN_BODY);
            return;
        } catch (RevocationStore.Unavailable e) {
            storeUnavailable.increment();
            storeFailures.log(Level.ERROR, "Could not check a Sate token for revocation on {0}, answered 503: {1}",
                    RequestPath.forLog(request), Redact.forLog(e.getMessage(), 300));
            response.setHeader("Retry-After", "5");
            answer(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, false,
                    "{\"error\":\"temporarily_unavailable\"}");
            return;
        }
        accepted.increment();
        VerifiedRequest verified = new VerifiedRequest(request, token, found.body());
        verified.setAttribute(TOKEN_ATTRIBUTE, token);
        chain.doFilter(verified, response);
    }

    /** Counters since the filter started. */
    public SateTokenStats stats() {
        Map<String, Long> byReason = new TreeMap<>();
        refused.forEach((failure, count) -> {
            if (count.sum() > 0) {
                byReason.put(failure.name().toLowerCase(Locale.ROOT), count.sum());
            }
        });
        long dropped = config != null && config.revocationStore() instanceof InMemoryRevocationStore memory
                ? memory.evicted() : 0;
        return new SateTokenStats(accepted.sum(), passedWithoutToken.sum(),
                byReason.values().stream().mapToLong(Long::longValue).sum(), byReason, storeUnavailable.sum(), dropped);
    }

    /**
     * The counters of the token filter in this web app, for {@code web.xml} apps that cannot reach the
     * filter instance: {@code SateTokenFilter.stats(request.getServletContext())}.
     *
     * @throws IllegalStateException if no SateTokenFilter has started in this web app
     */
    public static SateTokenStats stats(ServletContext context) {
        if (!(context.getAttribute(FILTER_ATTRIBUTE) instanceof SateTokenFilter filter)) {
            throw new IllegalStateException("No SateTokenFilter has started in this web app; check that the filter"
                    + " is declared and initialised before this call");
        }
        return filter.stats();
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
