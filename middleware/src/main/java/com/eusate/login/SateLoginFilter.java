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
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Connects the app's existing login to Sate. Map it to {@code /*} so it sees the login page, the
 * request in which the login succeeds and the pages after it:
 * <ol>
 *   <li>on a GET to a login path it keeps Sate's {@code state} in a signed cookie;</li>
 *   <li>once the customer is signed in it asks their consent on a page of its own;</li>
 *   <li>on "Allow" it issues a token and posts it to Sate's callback, then shows the outcome.</li>
 * </ol>
 * Requests without a pending state pass straight through. A failure inside the filter is logged and
 * never breaks the app's own pages.
 *
 * <table>
 *   <caption>init-params (builder methods have the camelCase names)</caption>
 *   <tr><th>init-param</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>api-key</td><td>required</td><td>Sate API key</td></tr>
 *   <tr><td>api-base-url</td><td>https://api.eusate.com</td><td>Sate API base; the callback path is appended</td></tr>
 *   <tr><td>signing-secret</td><td>required unless a key file</td><td>HS256 secret, at least 32 bytes</td></tr>
 *   <tr><td>signing-key-file</td><td>none</td><td>PKCS#8 PEM private key for RS256/ES256 instead</td></tr>
 *   <tr><td>key-id</td><td>fingerprint of the secret</td><td>{@code kid} of issued tokens; required with a key file</td></tr>
 *   <tr><td>login-path</td><td>/login</td><td>comma-separated paths where the state is captured</td></tr>
 *   <tr><td>subject</td><td>principal</td><td>{@code principal} or {@code session:NAME}</td></tr>
 *   <tr><td>token-ttl</td><td>PT1H</td><td>token lifetime</td></tr>
 *   <tr><td>state-ttl</td><td>PT10M</td><td>how long a captured state waits for the login</td></tr>
 *   <tr><td>consent</td><td>true</td><td>ask the customer before the token is sent</td></tr>
 *   <tr><td>allow-insecure-localhost</td><td>false</td><td>allow an http:// loopback api-base-url</td></tr>
 *   <tr><td>app-name</td><td>this app</td><td>the name the consent page shows</td></tr>
 *   <tr><td>endpoint-path</td><td>/sate-login</td><td>where the consent page is served</td></tr>
 *   <tr><td>done-url</td><td>(built-in page)</td><td>where to go after the decision</td></tr>
 *   <tr><td>callback-timeout</td><td>PT5S</td><td>how long the customer waits for Sate, retries included</td></tr>
 *   <tr><td>delivery-deadline</td><td>PT2M</td><td>how long retries go on in the background after that</td></tr>
 *   <tr><td>max-background-deliveries</td><td>1000</td><td>deliveries retrying in the background at once</td></tr>
 *   <tr><td>listener</td><td>none</td><td>class name of a {@link SateLoginListener} with a no-argument constructor</td></tr>
 *   <tr><td>issuer / audience</td><td>sate-login-middleware / sate</td><td>{@code iss} and {@code aud} of tokens</td></tr>
 *   <tr><td>consent-template</td><td>(built-in page)</td><td>web-app resource with the consent page HTML</td></tr>
 * </table>
 * Any value may be written {@code ${env:NAME}} or {@code ${sys:name}}.
 * <p>This class is thread-safe.
 */
public final class SateLoginFilter implements Filter {

    public static final String PARAM_API_KEY = "api-key";
    public static final String PARAM_API_BASE_URL = "api-base-url";
    public static final String PARAM_SIGNING_SECRET = "signing-secret";
    public static final String PARAM_SIGNING_KEY_FILE = "signing-key-file";
    public static final String PARAM_KEY_ID = "key-id";
    public static final String PARAM_LOGIN_PATH = "login-path";
    public static final String PARAM_SUBJECT = "subject";
    public static final String PARAM_TOKEN_TTL = "token-ttl";
    public static final String PARAM_STATE_TTL = "state-ttl";
    public static final String PARAM_CONSENT = "consent";
    public static final String PARAM_ALLOW_INSECURE_LOCALHOST = "allow-insecure-localhost";
    public static final String PARAM_APP_NAME = "app-name";
    public static final String PARAM_ENDPOINT_PATH = "endpoint-path";
    public static final String PARAM_DONE_URL = "done-url";
    public static final String PARAM_CALLBACK_TIMEOUT = "callback-timeout";
    public static final String PARAM_DELIVERY_DEADLINE = "delivery-deadline";
    public static final String PARAM_MAX_BACKGROUND_DELIVERIES = "max-background-deliveries";
    public static final String PARAM_LISTENER = "listener";
    public static final String PARAM_ISSUER = "issuer";
    public static final String PARAM_AUDIENCE = "audience";
    public static final String PARAM_CONSENT_TEMPLATE = "consent-template";

    static final Set<String> PARAMS = Set.of(PARAM_API_KEY, PARAM_API_BASE_URL, PARAM_SIGNING_SECRET,
            PARAM_SIGNING_KEY_FILE, PARAM_KEY_ID,
            PARAM_LOGIN_PATH, PARAM_SUBJECT, PARAM_TOKEN_TTL, PARAM_STATE_TTL, PARAM_CONSENT,
            PARAM_ALLOW_INSECURE_LOCALHOST, PARAM_APP_NAME, PARAM_ENDPOINT_PATH, PARAM_DONE_URL,
            PARAM_CALLBACK_TIMEOUT, PARAM_DELIVERY_DEADLINE, PARAM_MAX_BACKGROUND_DELIVERIES, PARAM_LISTENER,
            PARAM_ISSUER, PARAM_AUDIENCE, PARAM_CONSENT_TEMPLATE);

    private static final System.Logger LOG = System.getLogger(SateLoginFilter.class.getName());

    private SateLoginConfig config;
    private LoginFlow flow;

    /** For {@code web.xml}: the settings come from init-params. */
    public SateLoginFilter() {
    }

    /** For code and Spring's {@code FilterRegistrationBean}: init-params are then not allowed. */
    public SateLoginFilter(SateLoginConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Tells the filter that the app's own code has just signed {@code subject} in, for apps whose
     * login is not visible through the configured {@code subject} resolver. Call it on the request in
     * which the login happened; it also remembers the subject in the session for the consent step.
     * Does nothing visible when no Sate login is pending.
     */
    public static void loginSucceeded(HttpServletRequest request, String subject) {
        Objects.requireNonNull(request, "request");
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("subject must not be blank");
        }
        request.setAttribute(LoginFlow.SUBJECT_ATTRIBUTE, subject);
        HttpSession session = request.getSession(true);
        session.setAttribute(LoginFlow.SUBJECT_ATTRIBUTE, subject);
    }

    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        String name = filterConfig.getFilterName();
        try {
            config = InitParams.configOf(filterConfig, config, SateLoginFilter::fromInitParams);
            flow = new LoginFlow(config);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ServletException("SateLoginFilter [" + name + "] is misconfigured: " + e.getMessage());
        }
        LOG.log(Level.INFO, "SateLoginFilter [{0}] ready: {1}", name, config);
    }

    static SateLoginConfig fromInitParams(FilterConfig filterConfig) {
        InitParams p = InitParams.from(filterConfig, PARAMS);
        SateLoginConfig.Builder b = SateLoginConfig.builder();
        if (p.has(PARAM_API_KEY)) {
            b.apiKey(p.string(PARAM_API_KEY));
        }
        if (p.has(PARAM_API_BASE_URL)) {
            b.apiBaseUrl(p.string(PARAM_API_BASE_URL));
        }
        if (p.has(PARAM_SIGNING_SECRET)) {
            b.signingSecret(p.string(PARAM_SIGNING_SECRET));
        }
        if (p.has(PARAM_SIGNING_KEY_FILE)) {
            b.signingKeyFile(Path.of(p.string(PARAM_SIGNING_KEY_FILE)));
        }
        if (p.has(PARAM_KEY_ID)) {
            b.keyId(p.string(PARAM_KEY_ID));
        }
        if (p.has(PARAM_LOGIN_PATH)) {
            b.loginPath(p.string(PARAM_LOGIN_PATH).split(","));
        }
        if (p.has(PARAM_SUBJECT)) {
            b.subject(p.string(PARAM_SUBJECT));
        }
        Optional.ofNullable(p.duration(PARAM_TOKEN_TTL)).ifPresent(b::tokenTtl);
        Optional.ofNullable(p.duration(PARAM_STATE_TTL)).ifPresent(b::stateTtl);
        Optional.ofNullable(p.duration(PARAM_CALLBACK_TIMEOUT)).ifPresent(b::callbackTimeout);
        Optional.ofNullable(p.duration(PARAM_DELIVERY_DEADLINE)).ifPresent(b::deliveryDeadline);
        Optional.ofNullable(p.integer(PARAM_MAX_BACKGROUND_DELIVERIES)).ifPresent(b::maxBackgroundDeliveries);
        if (p.has(PARAM_LISTENER)) {
            b.listener(instantiate(p.string(PARAM_LISTENER)));
        }
        Optional.ofNullable(p.bool(PARAM_CONSENT)).ifPresent(b::consent);
        Optional.ofNullable(p.bool(PARAM_ALLOW_INSECURE_LOCALHOST)).ifPresent(b::allowInsecureLocalhost);
        if (p.has(PARAM_APP_NAME)) {
            b.appName(p.string(PARAM_APP_NAME));
        }
        if (p.has(PARAM_ENDPOINT_PATH)) {
            b.endpointPath(p.string(PARAM_ENDPOINT_PATH));
        }
        Optional.ofNullable(p.uri(PARAM_DONE_URL)).ifPresent(b::doneUrl);
        if (p.has(PARAM_ISSUER)) {
            b.issuer(p.string(PARAM_ISSUER));
        }
        if (p.has(PARAM_AUDIENCE)) {
            b.audience(p.string(PARAM_AUDIENCE));
        }
        if (p.has(PARAM_CONSENT_TEMPLATE)) {
            b.consentTemplate(readResource(filterConfig.getServletContext(), p.string(PARAM_CONSENT_TEMPLATE)));
        }
        return b.build();
    }

    private static SateLoginListener instantiate(String className) {
        try {
            Class<?> type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
            if (!SateLoginListener.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException(PARAM_LISTENER + " [" + className + "] does not implement "
                        + SateLoginListener.class.getName());
            }
            return (SateLoginListener) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(PARAM_LISTENER + " [" + className + "] cannot be created: it must be a"
                    + " public class with a public no-argument constructor (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String readResource(ServletContext context, String path) {
        try (InputStream in = context.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException(PARAM_CONSENT_TEMPLATE + " [" + path + "] was not found in the"
                        + " web app; give a path such as /WEB-INF/sate-consent.html");
            }
            return new String(in.readNBytes(256 * 1024), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(PARAM_CONSENT_TEMPLATE + " [" + path + "] could not be read: " + e);
        }
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (flow == null) {
            throw new ServletException("SateLoginFilter was not initialised");
        }
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        String path = pathOf(request);
        if (flow.isEndpoint(path)) {
            serveEndpoint(request, response, path);
            return;
        }
        if (!PendingStates.mayCarry(request) && !isLoginPage(request, path)) {
            chain.doFilter(request, response); // the common case: one header lookup, nothing to do
            return;
        }
        List<PendingStates.Pending> pending = List.of();
        boolean signedIn = false;
        try {
            pending = flow.pending(request, response);
            if (isLoginPage(request, path)) {
                Optional<PendingStates.Pending> captured = flow.capture(request, response);
                if (captured.isPresent()) {
                    pending = List.of(captured.get());
                }
            }
            if (!pending.isEmpty()) {
                Optional<String> subject = flow.subject(request);
                signedIn = subject.isPresent();
                if (signedIn && isNavigation(request)) {
                    flow.signedIn(request, response, pending.get(0), subject.get());
                    return;
                }
            }
        } catch (RuntimeException e) {
            logFailure(e);
            pending = List.of();
        }
        if (pending.isEmpty() || signedIn) {
            chain.doFilter(request, response);
            return;
        }
        // Nobody is signed in yet, but a state is pending: the login may happen in this very request.
        DeferredResponse deferred = new DeferredResponse(response);
        try {
            chain.doFilter(request, deferred);
        } catch (IOException | ServletException | RuntimeException e) {
            deferred.release(); // the app's own failure: let it surface exactly as without us
            throw e;
        }
        try {
            if (!request.isAsyncStarted() && deferred.isReplaceable()) {
                Optional<String> subject = flow.subject(request);
                if (subject.isPresent()) {
                    deferred.discard();
                    flow.signedIn(request, response, pending.get(0), subject.get());
                    return;
                }
            }
        } catch (RuntimeException e) {
            logFailure(e);
        }
        deferred.release();
    }

    private void serveEndpoint(HttpServletRequest request, HttpServletResponse response, String path)
            throws IOException {
        try {
            flow.serveEndpoint(request, response, path);
        } catch (RuntimeException e) {
            logFailure(e);
            if (!response.isCommitted()) {
                response.reset();
                ConsentPage.write(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
                        "<!DOCTYPE html><title>Could not connect</title><h1>Could not connect</h1>"
                        + "<p>Go back to your chat and try the sign-in link again.</p>");
            }
        }
    }

    private boolean isLoginPage(HttpServletRequest request, String path) {
        return "GET".equals(request.getMethod()) && config.loginPaths().contains(path);
    }

    /** A top-level page load, which we may answer with a redirect to the consent page. */
    private static boolean isNavigation(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod())) {
            return false;
        }
        String mode = request.getHeader("Sec-Fetch-Mode");
        if (mode != null) {
            return mode.equals("navigate");
        }
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/html");
    }

    /** The path after the context path, without path parameters such as {@code ;jsessionid=}. */
    static String pathOf(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String path = uri.substring(Math.min(request.getContextPath().length(), uri.length()));
        int semicolon = path.indexOf(';');
        return semicolon < 0 ? path : path.substring(0, semicolon);
    }

    private static void logFailure(RuntimeException e) {
        // the exception's message may come from app code (a resolver, a listener): log its type and origin
        StackTraceElement top = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
        LOG.log(Level.ERROR, "SateLoginFilter failed and let the request through: {0} at {1}",
                e.getClass().getName(), top);
    }

    /** Counters since the filter started; also readable through a {@link SateLoginListener}. */
    public SateLoginStats stats() {
        if (flow == null) {
            throw new IllegalStateException("SateLoginFilter was not initialised");
        }
        return flow.stats();
    }

    /**
     * Stops the filter: deliveries still retrying in the background get a few seconds to finish;
     * each one that cannot is logged and reported to the listener as failed.
     */
    @Override
    public void destroy() {
        if (flow != null) {
            flow.close();
        }
    }

    @Override
    public String toString() {
        return "SateLoginFilter[" + config + "]";
    }
}
