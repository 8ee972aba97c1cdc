package com.eusate.login;

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
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * Protects the app's functions that Sate calls for a customer: it verifies the token Sate presents
 * and lets the request through with the token's subject as {@code getUserPrincipal()} and
 * {@code getRemoteUser()}, and the {@link VerifiedToken} in the request attribute
 * {@link #TOKEN_ATTRIBUTE}. Anything else is answered {@code 401} with
 * {@code WWW-Authenticate: Bearer error="invalid_token"} and a small JSON body that never repeats the
 * token or says what was wrong with it.
 *
 * <table>
 *   <caption>init-params (builder methods have the camelCase names)</caption>
 *   <tr><th>init-param</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>signing-secret</td><td>required unless public-keys</td><td>the login filter's HS256 secret</td></tr>
 *   <tr><td>verification-secrets</td><td>none</td><td>comma-separated HS256 secrets also accepted (rotation)</td></tr>
 *   <tr><td>public-keys</td><td>none</td><td>comma-separated {@code kid=/path/key.pem} (RS256/ES256)</td></tr>
 *   <tr><td>token-location</td><td>header</td><td>header, query or body</td></tr>
 *   <tr><td>token-name</td><td>Authorization / token</td><td>header or parameter name</td></tr>
 *   <tr><td>token-prefix</td><td>"Bearer " for Authorization, else empty</td><td>text before the token</td></tr>
 *   <tr><td>issuer / audience</td><td>sate-login-middleware / sate</td><td>required {@code iss} and {@code aud}</td></tr>
 *   <tr><td>leeway</td><td>PT30S</td><td>clock skew allowed</td></tr>
 *   <tr><td>max-body-bytes</td><td>65536</td><td>largest body read for token-location body (else 413)</td></tr>
 *   <tr><td>revocation-datasource</td><td>in memory</td><td>JNDI name of a DataSource for {@link JdbcRevocationStore}</td></tr>
 *   <tr><td>revocation-table</td><td>sate_revocations</td><td>its table, created if missing</td></tr>
 * </table>
 * <p>This class is thread-safe.
 */
public final class SateTokenFilter implements Filter {

    /** Request attribute holding the {@link VerifiedToken} of a request that passed. */
    public static final String TOKEN_ATTRIBUTE = VerifiedToken.class.getName();
    /** Servlet-context attribute holding the filter's {@link RevocationStore}; see {@link #revocationStore}. */
    public static final String REVOCATION_STORE_ATTRIBUTE = RevocationStore.class.getName();

    public static final String PARAM_SIGNING_SECRET = "signing-secret";
    public static final String PARAM_VERIFICATION_SECRETS = "verification-secrets";
    public static final String PARAM_PUBLIC_KEYS = "public-keys";
    public static final String PARAM_TOKEN_LOCATION = "token-location";
    public static final String PARAM_TOKEN_NAME = "token-name";
    public static final String PARAM_TOKEN_PREFIX = "token-prefix";
    public static final String PARAM_ISSUER = "issuer";
    public static final String PARAM_AUDIENCE = "audience";
    public static final String PARAM_LEEWAY = "leeway";
    public static final String PARAM_MAX_BODY_BYTES = "max-body-bytes";
    public static final String PARAM_REVOCATION_DATASOURCE = "revocation-datasource";
    public static final String PARAM_REVOCATION_TABLE = "revocation-table";

    static final Set<String> PARAMS = Set.of(PARAM_SIGNING_SECRET, PARAM_VERIFICATION_SECRETS, PARAM_PUBLIC_KEYS,
            PARAM_TOKEN_LOCATION, PARAM_TOKEN_NAME, PARAM_TOKEN_PREFIX, PARAM_ISSUER, PARAM_AUDIENCE, PARAM_LEEWAY,
            PARAM_MAX_BODY_BYTES, PARAM_REVOCATION_DATASOURCE, PARAM_REVOCATION_TABLE);

    private static final System.Logger LOG = System.getLogger(SateTokenFilter.class.getName());
    private static final String INVALID_TOKEN_BODY = "{\"error\":\"invalid_token\","
            + "\"error_description\":\"The access token is missing, invalid, expired or revoked.\"}";

    private SateTokenConfig config;
    private TokenVerifier verifier;
    private TokenExtractor extractor;

    /** For {@code web.xml}: the settings come from init-params. */
    public SateTokenFilter() {
    }

    /** For code and Spring's {@code FilterRegistrationBean}: init-params are then not allowed. */
    public SateTokenFilter(SateTokenConfig config) {
        this.config = Objects.requireNonNull(config, "config");
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
        String name = filterConfig.getFilterName();
        try {
            config = InitParams.configOf(filterConfig, config, SateTokenFilter::fromInitParams);
            verifier = new TokenVerifier(config);
            extractor = new TokenExtractor(config);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ServletException("SateTokenFilter [" + name + "] is misconfigured: " + e.getMessage());
        }
        ServletContext context = filterConfig.getServletContext();
        if (context != null && context.getAttribute(REVOCATION_STORE_ATTRIBUTE) == null) {
            context.setAttribute(REVOCATION_STORE_ATTRIBUTE, config.revocationStore());
        }
        LOG.log(Level.INFO, "SateTokenFilter [{0}] ready: {1}", name, config);
    }

    static SateTokenConfig fromInitParams(FilterConfig filterConfig) {
        InitParams p = InitParams.from(filterConfig, PARAMS);
        SateTokenConfig.Builder b = SateTokenConfig.builder();
        if (p.has(PARAM_SIGNING_SECRET)) {
            b.signingSecret(p.string(PARAM_SIGNING_SECRET));
        }
        if (p.has(PARAM_VERIFICATION_SECRETS)) {
            b.verificationSecrets(splitList(p.string(PARAM_VERIFICATION_SECRETS)));
        }
        if (p.has(PARAM_PUBLIC_KEYS)) {
            for (String entry : splitList(p.string(PARAM_PUBLIC_KEYS))) {
                int eq = entry.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("public-keys entries must be kid=/path/to/key.pem, but one was ["
                            + entry + "]");
                }
                b.publicKeyFile(entry.substring(0, eq).strip(), Path.of(entry.substring(eq + 1).strip()));
            }
        }
        if (p.has(PARAM_TOKEN_LOCATION)) {
            b.tokenLocation(TokenLocation.parse(PARAM_TOKEN_LOCATION, p.string(PARAM_TOKEN_LOCATION)));
        }
        if (p.has(PARAM_TOKEN_NAME)) {
            b.tokenName(p.string(PARAM_TOKEN_NAME));
        }
        if (p.has(PARAM_TOKEN_PREFIX)) {
            b.tokenPrefix(p.string(PARAM_TOKEN_PREFIX)); // "Bearer" and "Bearer " work alike
        }
        if (p.has(PARAM_ISSUER)) {
            b.issuer(p.string(PARAM_ISSUER));
        }
        if (p.has(PARAM_AUDIENCE)) {
            b.audience(p.string(PARAM_AUDIENCE));
        }
        Optional.ofNullable(p.duration(PARAM_LEEWAY)).ifPresent(b::leeway);
        if (p.has(PARAM_MAX_BODY_BYTES)) {
            b.maxBodyBytes(p.integer(PARAM_MAX_BODY_BYTES));
        }
        if (p.has(PARAM_REVOCATION_DATASOURCE)) {
            String table = p.has(PARAM_REVOCATION_TABLE) ? p.string(PARAM_REVOCATION_TABLE)
                    : JdbcRevocationStore.DEFAULT_TABLE;
            b.revocationStore(new JdbcRevocationStore(lookup(p.string(PARAM_REVOCATION_DATASOURCE)), table,
                    SateLoginConfig.MAX_TOKEN_TTL, java.time.Clock.systemUTC()).createTableIfMissing());
        } else if (p.has(PARAM_REVOCATION_TABLE)) {
            throw new IllegalArgumentException("revocation-table needs revocation-datasource (the JNDI name of"
                    + " your DataSource, e.g. java:comp/env/jdbc/app)");
        }
        return b.build();
    }

    private static String[] splitList(String value) {
        return java.util.Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .toArray(String[]::new);
    }

    private static DataSource lookup(String jndiName) {
        try {
            Object found = new InitialContext().lookup(jndiName);
            if (found instanceof DataSource ds) {
                return ds;
            }
            throw new IllegalArgumentException("revocation-datasource [" + jndiName + "] is not a DataSource");
        } catch (NamingException e) {
            throw new IllegalArgumentException("revocation-datasource [" + jndiName + "] was not found in JNDI;"
                    + " declare it as a resource (e.g. java:comp/env/jdbc/app)");
        }
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
                            + config.maxBodyBytes() + " bytes.\"}");
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
        return "SateTokenFilter[" + config + "]";
    }
}
