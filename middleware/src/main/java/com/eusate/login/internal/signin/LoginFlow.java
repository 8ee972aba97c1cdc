package com.eusate.login.internal.signin;

import static com.eusate.login.internal.signin.LoginSettings.*;

import com.eusate.login.internal.Hmac;
import com.eusate.login.signin.SateLoginConfig;
import com.eusate.login.signin.SateLoginStats;
import com.eusate.login.signin.TokenIssuer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;

/**
 * What {@code SateLoginFilter} does with a request, step by step: serve its consent endpoint; capture
 * a state on a login page; once a state is pending and the customer is signed in (before the app's
 * page runs, or in the request where the login happens), send them to consent. Each step is a class
 * of its own; this one wires them and orders them. A failure of ours is logged and the request goes
 * on as if we were not there. Not API. This class is thread-safe.
 */
public final class LoginFlow implements AutoCloseable {

    /** Every log line of the login side goes to the logger named after the filter. */
    static final System.Logger LOG = System.getLogger("com.eusate.login.SateLoginFilter");

    private final SateLoginConfig config;
    private final boolean consent;
    private final PendingStates pendingStates;
    private final LoginDetection detection;
    private final StateCapture capture;
    private final ConsentEndpoint endpoint;
    private final Decisions decisions;
    private final ConsentPage pages;
    private final CallbackClient callback;
    private final Events events;

    public LoginFlow(SateLoginConfig config) {
        byte[] macSecret = config.get(SIGNING_SECRET) != null ? config.get(SIGNING_SECRET).clone()
                : config.get(SIGNING_KEY_FILE).getEncoded(); // key material for the cookie and CSRF MACs
        this.config = config;
        this.consent = config.get(CONSENT);
        this.events = new Events(config.get(LISTENER), config.get(CLOCK));
        this.pendingStates = new PendingStates(Hmac.derive(macSecret, "sate-login/state-cookie/v1"),
                config.get(STATE_TTL), config.get(CLOCK));
        this.detection = new LoginDetection(config.get(SUBJECT), config.get(LOGIN_PATH));
        this.capture = new StateCapture(pendingStates, events);
        this.callback = new CallbackClient(config.callbackUri(), config.get(API_KEY), config.get(CLOCK),
                config.get(MAX_BACKGROUND_DELIVERIES));
        TokenIssuer issuer = config.get(TOKEN_ISSUER) != null ? config.get(TOKEN_ISSUER) : JwtIssuer.forConfig(config);
        Handoff handoff = new Handoff(issuer, callback, events, config.get(CLOCK),
                config.get(CALLBACK_TIMEOUT), config.get(DELIVERY_DEADLINE));
        this.decisions = new Decisions(pendingStates, handoff, config.get(CLOCK));
        this.pages = new ConsentPage(config.get(APP_NAME), config.get(CONSENT_TEMPLATE), config.get(DONE_URL));
        this.endpoint = new ConsentEndpoint(config.get(ENDPOINT_PATH), pendingStates, detection, decisions, pages,
                events, Hmac.derive(macSecret, "sate-login/consent-csrf/v1"));
        warnIfTheJdkClientLogsHeaders();
    }

    /**
     * The JDK HTTP client's own logging, when turned on for headers, writes the callback's
     * Authorization header (the API key) to the log; nothing a library can filter. Say so.
     */
    private static void warnIfTheJdkClientLogsHeaders() {
        String jdkLog = System.getProperty("jdk.httpclient.HttpClient.log", "");
        if (jdkLog.contains("headers") || jdkLog.contains("all")) {
            LOG.log(Level.WARNING, "-Djdk.httpclient.HttpClient.log={0} makes the JDK HTTP client log request headers,"
                    + " including the Authorization header that carries your Sate API key. Turn it off outside debugging"
                    + " and rotate the key if such logs were kept.", jdkLog);
        }
    }

    /** Handles one HTTP request on its way to the app. */
    public void filter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = pathOf(request);
        if (endpoint.isEndpoint(path)) {
            serveEndpoint(request, response, path);
            return;
        }
        boolean loginPage = detection.isLoginPage(request, path);
        if (!PendingStates.mayCarry(request) && !loginPage) {
            chain.doFilter(request, response); // the common case: one header lookup, nothing to do
            return;
        }
        List<PendingStates.Pending> pending = List.of();
        boolean signedIn = false;
        try {
            pending = pendingStates.read(request, response);
            if (loginPage) {
                Optional<PendingStates.Pending> captured = capture.capture(request, response);
                if (captured.isPresent()) {
                    pending = List.of(captured.get());
                }
            }
            if (!pending.isEmpty()) {
                Optional<String> subject = detection.subject(request);
                signedIn = subject.isPresent();
                if (signedIn && LoginDetection.isNavigation(request)) {
                    signedIn(request, response, pending.get(0), subject.get());
                    return;
                }
            }
        } catch (RuntimeException | Error e) {
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
            chain.doFilter(deferred.requestFor(request), deferred);
        } catch (IOException | ServletException | RuntimeException e) {
            deferred.release(); // the app's own failure: let it surface exactly as without us
            throw e;
        }
        try {
            if (!request.isAsyncStarted() && deferred.isReplaceable()) {
                Optional<String> subject = detection.subject(request);
                if (subject.isPresent()) {
                    deferred.discard();
                    signedIn(request, response, pending.get(0), subject.get());
                    return;
                }
            }
        } catch (RuntimeException | Error e) {
            logFailure(e);
        }
        deferred.release();
    }

    /**
     * The customer is signed in and a state is pending: send them to the consent page, or with
     * consent off, deliver at once and show the outcome.
     */
    private void signedIn(HttpServletRequest request, HttpServletResponse response, PendingStates.Pending pending,
                          String subject) throws IOException {
        if (consent) {
            ConsentPage.redirect(response, endpoint.consentUrl(request, pending));
            return;
        }
        pages.answer(request, response, HttpServletResponse.SC_OK,
                decisions.decide(request, response, pending, subject, true));
    }

    private void serveEndpoint(HttpServletRequest request, HttpServletResponse response, String path)
            throws IOException {
        try {
            endpoint.serve(request, response, path);
        } catch (RuntimeException | Error e) {
            logFailure(e);
            if (!response.isCommitted()) {
                response.reset();
                ConsentPage.write(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
                        "<!DOCTYPE html><title>Could not connect</title><h1>Could not connect</h1>"
                        + "<p>Go back to your chat and try the sign-in link again.</p>");
            }
        }
    }

    /** The path after the context path, without path parameters such as {@code ;jsessionid=}. */
    static String pathOf(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String path = uri.substring(Math.min(request.getContextPath().length(), uri.length()));
        int semicolon = path.indexOf(';');
        return semicolon < 0 ? path : path.substring(0, semicolon);
    }

    /**
     * Our failure never breaks the app's page: it is logged and the request goes on. Only the JVM's
     * own distress (out of memory, stack overflow) is not ours to swallow.
     */
    private static void logFailure(Throwable e) {
        if (e instanceof VirtualMachineError fatal) {
            throw fatal;
        }
        StackTraceElement top = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
        LOG.log(Level.ERROR, "SateLoginFilter failed and let the request through: {0} at {1}",
                Handoff.describe(e), top);
    }

    /**
     * Tells the flow that the app's own code has just signed {@code subject} in: on the request, and in
     * the session for the consent step.
     */
    public static void loginSucceeded(HttpServletRequest request, String subject) {
        request.setAttribute(LoginDetection.SUBJECT_ATTRIBUTE, subject);
        request.getSession(true).setAttribute(LoginDetection.SUBJECT_ATTRIBUTE, subject);
    }

    public SateLoginConfig config() {
        return config;
    }

    public SateLoginStats stats() {
        return events.stats(callback::inBackground);
    }

    /** Background deliveries get a few seconds to finish; each one that cannot is reported as failed. */
    @Override
    public void close() {
        callback.close();
    }
}
