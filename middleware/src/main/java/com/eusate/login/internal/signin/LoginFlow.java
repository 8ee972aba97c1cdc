package com.eusate.login.internal.signin;

import static com.eusate.login.internal.signin.LoginSettings.*;

import com.eusate.login.internal.Hmac;
import com.eusate.login.internal.RateLimitedLog;
import com.eusate.login.internal.Redact;
import com.eusate.login.internal.RequestPath;
import com.eusate.login.signin.SateLoginConfig;
import com.eusate.login.signin.SateLoginStats;
import com.eusate.login.signin.TokenIssuer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * What {@code SateLoginFilter} does with a request, step by step: serve its consent endpoint; capture
 * a state on a page load of a login path; once an attempt is pending and the customer is signed in
 * (before the app's page runs, or in the request where the login happens), send them to consent, once;
 * drop the attempt when the customer it was shown to is gone. Each step is a class
 * of its own; this one wires them and orders them. A failure of ours is logged and the request goes
 * on as if we were not there. Not API. This class is thread-safe.
 */
public final class LoginFlow implements AutoCloseable {

    /** Every log line of the login side goes to the logger named after the filter. */
    static final System.Logger LOG = System.getLogger("com.eusate.login.SateLoginFilter");

    private final SateLoginConfig config;
    private final boolean consent;
    private final AttemptCookie cookie;
    private final LoginDetection detection;
    private final StateCapture capture;
    private final ConsentEndpoint endpoint;
    private final ConsentPage pages;
    private final CallbackClient callback;
    private final Events events;
    private final RateLimitedLog missedLogins = new RateLimitedLog(LOG, 5);

    public LoginFlow(SateLoginConfig config) {
        byte[] macSecret = config.get(SIGNING_SECRET) != null ? config.get(SIGNING_SECRET).clone()
                : config.get(SIGNING_KEY_FILE).getEncoded(); // key material for the cookie and CSRF MACs
        this.config = config;
        this.consent = config.get(CONSENT);
        this.events = new Events(config.get(LISTENER), config.get(CLOCK));
        this.cookie = new AttemptCookie(Hmac.derive(macSecret, "sate-login/attempt-cookie/v2"),
                Hmac.derive(macSecret, "sate-login/subject-tag/v1"), config.get(STATE_TTL), config.get(CLOCK),
                config.get(COOKIE_SECURE));
        this.detection = new LoginDetection(config.get(SUBJECT), config.get(LOGIN_PATH));
        this.capture = new StateCapture(cookie, events);
        this.callback = new CallbackClient(config.callbackUri(), config.get(API_KEY), config.get(CLOCK),
                config.get(MAX_BACKGROUND_DELIVERIES));
        TokenIssuer issuer = config.get(TOKEN_ISSUER) != null ? config.get(TOKEN_ISSUER) : JwtIssuer.forConfig(config);
        Handoff handoff = new Handoff(issuer, callback, events, config.get(CLOCK),
                config.get(CALLBACK_TIMEOUT), config.get(DELIVERY_DEADLINE));
        this.pages = new ConsentPage(new ConsentPage.Look(config.get(APP_NAME), config.get(LOGO), config.get(ACCENT_COLOR),
                config.get(RETURN_URL), config.get(LOGOUT_URL)), PageTexts.load(config.get(LOCALE), config.get(MESSAGES),
                Thread.currentThread().getContextClassLoader()), config.get(CONSENT_TEMPLATE),
                config.get(OUTCOME_TEMPLATE), config.get(DONE_URL), config.get(TOKEN_TTL), config.get(CLOCK));
        this.endpoint = new ConsentEndpoint(config.get(ENDPOINT_PATH), cookie, detection,
                new Decisions(handoff, config.get(CLOCK), config.get(CALLBACK_TIMEOUT)), pages, events,
                Hmac.derive(macSecret, "sate-login/consent-csrf/v1"));
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
        String path = RequestPath.of(request);
        if (endpoint.isEndpoint(path)) {
            serveEndpoint(request, response, path);
            return;
        }
        boolean loginPage = detection.isLoginPage(request, path);
        if (!AttemptCookie.mayCarry(request) && !loginPage) {
            chain.doFilter(request, response); // the common case: one header lookup, nothing to do
            return;
        }
        Attempt waiting = null;
        try {
            Attempt attempt = cookie.read(request, response).orElse(null);
            Attempt captured = loginPage ? capture.capture(request, response).orElse(null) : null;
            if (captured != null) {
                attempt = captured;
            }
            if (attempt != null && attempt.isOpen()) {
                boolean pageLoad = LoginDetection.isPageLoad(request);
                // once asked, only what this request shows counts: an earlier signal could outlive a logout
                Optional<String> subject = attempt.isBound() ? detection.signedInNow(request)
                        : detection.subject(request, attempt);
                // dropped for another customer on any request, for nobody on a page load only (not for an
                // image or a stylesheet, which some apps serve outside their authentication)
                boolean gone = attempt.isBound()
                        && (subject.isPresent() ? !cookie.isBoundTo(attempt, subject.get()) : pageLoad);
                if (gone) {
                    dropped(request, response, attempt);
                } else if (subject.isEmpty() && !attempt.isBound()) {
                    waiting = attempt;
                } else if (subject.isPresent() && pageLoad && (!attempt.isBound() || loginPage)) {
                    signedIn(request, response, attempt, subject.get(), attempt == captured);
                    return;
                }
                // else signed in and already asked: the app's pages, its logout included, are its own
            }
        } catch (RuntimeException | Error e) {
            logFailure(e);
            waiting = null;
        }
        if (waiting == null) {
            chain.doFilter(request, response);
            return;
        }
        // Nobody is signed in yet, but an attempt is pending: the login may happen in this very request.
        String sessionBefore = sessionIdOf(request);
        request.setAttribute(LoginDetection.ATTEMPT_ATTRIBUTE, waiting.id());
        DeferredResponse deferred = new DeferredResponse(response);
        try {
            chain.doFilter(deferred.requestFor(request), deferred);
        } catch (IOException | ServletException | RuntimeException e) {
            deferred.release(); // the app's own failure: let it surface exactly as without us
            throw e;
        }
        try {
            if (!request.isAsyncStarted()) {
                Optional<String> subject = detection.subject(request, waiting);
                if (subject.isPresent() && deferred.isReplaceable()) {
                    deferred.discard();
                    signedIn(request, response, waiting, subject.get(), false);
                    return;
                }
                if (subject.isEmpty()) {
                    warnIfALoginWasMissed(request, sessionBefore);
                }
            }
        } catch (RuntimeException | Error e) {
            logFailure(e);
        }
        deferred.release();
    }

    /** The customer the attempt was shown to signed out, or another one signed in: it is nobody's now. */
    private void dropped(HttpServletRequest request, HttpServletResponse response, Attempt attempt) {
        cookie.clear(request, response);
        LOG.log(Level.INFO, "Dropped the pending Sate login for state {0}: the customer it was shown to is no"
                + " longer signed in", Redact.hash(attempt.state()));
    }

    /**
     * A POST that started or renewed the session is what a login looks like. If the subject setting
     * still finds nobody, it probably cannot see this app's login, and the attempt would just expire.
     */
    private void warnIfALoginWasMissed(HttpServletRequest request, String sessionBefore) {
        String sessionAfter = sessionIdOf(request);
        if ("POST".equals(request.getMethod()) && sessionAfter != null && !sessionAfter.equals(sessionBefore)) {
            missedLogins.log(Level.WARNING, "A POST to {0} started or renewed the session, as a login does, but"
                    + " subject [{1}] finds nobody signed in, so the pending Sate login is not completed. If that was"
                    + " a login, set subject to what your login sets, or call SateLoginFilter.loginSucceeded",
                    RequestPath.forLog(request), SUBJECT.show(config.get(SUBJECT)));
        }
    }

    private static String sessionIdOf(HttpServletRequest request) {
        try {
            HttpSession session = request.getSession(false);
            return session == null ? null : session.getId();
        } catch (IllegalStateException invalidated) {
            return null;
        }
    }

    /**
     * The customer is signed in and an attempt is pending: send them to the consent page, or with
     * consent off, deliver at once and redirect to the outcome. Consent off means that signing in after
     * opening Sate's link is the customer's consent, so the page is still shown when there was no such
     * sign-in: the link was opened by a customer already signed in ({@code capturedNow}: any page can
     * send a signed-in customer to the login path with a state of its own). It is also shown for an
     * attempt whose state expired meanwhile (it says so), and for one read from a cookie that someone
     * else could have tossed into this browser (not {@code __Host-}): a tossed attempt alone looks like
     * the customer's own, and only the customer can tell it is not.
     */
    private void signedIn(HttpServletRequest request, HttpServletResponse response, Attempt attempt,
                          String subject, boolean capturedNow) throws IOException {
        if (consent || capturedNow || cookie.hasExpired(attempt) || !cookie.cannotBeTossedIn(request)) {
            PageHtml.redirect(response, endpoint.consentUrl(request, attempt));
            return;
        }
        endpoint.decideAndRedirect(request, response, attempt, subject, true);
    }

    private void serveEndpoint(HttpServletRequest request, HttpServletResponse response, String path)
            throws IOException {
        try {
            endpoint.serve(request, response, path);
        } catch (RuntimeException | Error e) {
            logFailure(e);
            if (!response.isCommitted()) {
                response.reset();
                try {
                    pages.renderOutcome(request, response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
                            ConsentPage.Outcome.FAILED);
                } catch (RuntimeException | Error again) {
                    logFailure(again);
                    response.reset();
                    PageHtml.write(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
                            "<!DOCTYPE html><html lang=\"en\"><title>Could not connect</title><h1>Could not connect</h1>"
                            + "<p>Go back to your chat and ask Sate for a new sign-in link.</p></html>");
                }
            }
        }
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
     * Tells the flow that the app's own code has just signed {@code subject} in: on the request, and,
     * while a Sate login is pending, in the session for that attempt's consent step.
     */
    public static void loginSucceeded(HttpServletRequest request, String subject) {
        LoginDetection.signal(request, subject);
    }

    /**
     * {@code consent=false} skips the page only where the attempt cookie is {@code __Host-}: at the root
     * path, over https. Say at startup when that can never be true (a WARNING) or depends on each
     * request (an INFO line), rather than let an integrator find out.
     */
    public void warnIfConsentCannotBeSkipped(String contextPath) {
        if (consent) {
            return;
        }
        if (!contextPath.isEmpty()) {
            LOG.log(Level.WARNING, "consent=false does not apply under the context path {0}: there the Sate login"
                    + " cookie cannot be __Host- prefixed, so a sibling subdomain or an http page could toss in an"
                    + " attempt of its own, and customers are asked on the consent page", contextPath);
        } else if (!config.get(COOKIE_SECURE)) {
            LOG.log(Level.INFO, "consent=false applies only to requests the container sees as https (or with"
                    + " cookie-secure=always): elsewhere the Sate login cookie cannot be __Host- prefixed, so a"
                    + " sibling subdomain or an http page could toss in an attempt of its own, and customers are"
                    + " asked on the consent page");
        }
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
