package com.eusate.login.internal.signin;

import com.eusate.login.internal.Hmac;
import com.eusate.login.internal.Redact;
import com.eusate.login.signin.SateLoginEvent.Type;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;

/**
 * The filter's own endpoint: {@code {endpoint-path}/consent} asks the signed-in customer (GET) and
 * takes their decision (POST, protected by a CSRF token bound to the attempt, the state and the
 * customer), then redirects (303) to {@code {endpoint-path}/outcome}, which shows the outcome again on
 * a reload, in that browser only, and never decides or sends anything. The first customer
 * shown the question is the only one who may answer it: the attempt is bound to them, and dropped if
 * they leave. An attempt whose state expired before the customer signed in is told as expired. Anything
 * else under the endpoint path is not found. This class is thread-safe.
 */
final class ConsentEndpoint {

    private final String endpointPath;
    /** The consent page's path and the endpoint's prefix, built once rather than on every request. */
    private final String consentPath;
    private final String outcomePath;
    private final String endpointPrefix;

    private final AttemptCookie cookie;
    private final LoginDetection detection;
    private final Decisions decisions;
    private final ConsentPage pages;
    private final Events events;
    private final Hmac csrf;

    ConsentEndpoint(String endpointPath, AttemptCookie cookie, LoginDetection detection, Decisions decisions,
                    ConsentPage pages, Events events, Hmac csrf) {
        this.endpointPath = endpointPath;
        this.consentPath = endpointPath + "/consent";
        this.outcomePath = endpointPath + "/outcome";
        this.endpointPrefix = endpointPath + "/";
        this.cookie = cookie;
        this.detection = detection;
        this.decisions = decisions;
        this.pages = pages;
        this.events = events;
        this.csrf = csrf;
    }

    boolean isEndpoint(String path) {
        return path.startsWith(endpointPrefix) || path.equals(endpointPath);
    }

    /** Where a signed-in customer with a pending attempt is sent to decide. */
    String consentUrl(HttpServletRequest request, Attempt attempt) {
        return request.getContextPath() + consentPath + "?attempt=" + attempt.id();
    }

    /**
     * The outcome page's URL for this attempt: its id, the outcome's code and a MAC of both, so that
     * nobody can dress one outcome up as another. No state, token or key.
     */
    String outcomeUrl(HttpServletRequest request, Attempt attempt, ConsentPage.Outcome outcome) {
        return request.getContextPath() + outcomePath + "?attempt=" + attempt.id() + "&outcome=" + outcome.code
                + "&check=" + csrf.macBase64(outcomeMessage(attempt.id(), outcome.code));
    }

    private static String outcomeMessage(String attemptId, String code) {
        return "outcome\n" + attemptId + "\n" + code;
    }

    void serve(HttpServletRequest request, HttpServletResponse response, String path) throws IOException {
        if (path.equals(outcomePath)) {
            showOutcome(request, response);
            return;
        }
        if (!path.equals(consentPath)) {
            pages.renderOutcome(request, response, HttpServletResponse.SC_NOT_FOUND, ConsentPage.Outcome.EXPIRED);
            return;
        }
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD") && !method.equals("POST")) {
            response.setHeader("Allow", "GET, HEAD, POST");
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        String attemptId = request.getParameter("attempt");
        Attempt attempt = cookie.read(request, response)
                .filter(a -> a.id().equals(attemptId)).orElse(null);
        if (attempt == null) {
            pages.answer(request, response, HttpServletResponse.SC_OK, ConsentPage.Outcome.EXPIRED);
            return;
        }
        Optional<String> subject = detection.subject(request, attempt);
        if (!attempt.isOpen()) {
            // Back or reload after the decision: say what was decided, to that customer only
            boolean theirs = subject.isPresent() && cookie.isBoundTo(attempt, subject.get());
            pages.answer(request, response, HttpServletResponse.SC_OK, !theirs ? ConsentPage.Outcome.EXPIRED
                    : attempt.phase() == Attempt.Phase.ALLOWED ? ConsentPage.Outcome.ALREADY_ALLOWED
                    : ConsentPage.Outcome.ALREADY_DENIED);
            return;
        }
        if (subject.isEmpty() && !attempt.isBound()) {
            // not signed in yet: to the app's login; the attempt stays pending
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", request.getContextPath() + detection.firstLoginPath());
            return;
        }
        if (subject.isPresent() && cookie.hasExpired(attempt)) {
            expired(request, response, attempt);
            return;
        }
        if (subject.isEmpty() || (attempt.isBound() && !cookie.isBoundTo(attempt, subject.get()))) {
            // the customer it was shown to signed out, or someone else signed in: never offered to them
            cookie.clear(request, response);
            LoginFlow.LOG.log(Level.INFO, "Dropped the pending Sate login for state {0}: the customer it was"
                    + " shown to is no longer signed in", Redact.hash(attempt.state()));
            pages.answer(request, response, HttpServletResponse.SC_OK, ConsentPage.Outcome.EXPIRED);
            return;
        }
        String csrfMessage = attempt.id() + "\n" + attempt.state() + "\n" + subject.get();
        if (!method.equals("POST")) {
            if (!attempt.isBound()) {
                cookie.bind(request, response, attempt, subject.get());
            }
            pages.renderQuestion(request, response, request.getContextPath() + consentPath, attempt.id(),
                    csrf.macBase64(csrfMessage), subject.get(), attempt.createdAt(), FrameworkCsrf.of(request));
            events.emit(Type.CONSENT_SHOWN, attempt.state(), subject.get(), "consent page shown");
            return;
        }
        if (!csrf.verifyBase64(csrfMessage, request.getParameter("csrf"))) {
            LoginFlow.LOG.log(Level.WARNING, "Refused a Sate consent decision for state {0}: CSRF token missing or"
                    + " wrong", Redact.hash(attempt.state()));
            pages.renderOutcome(request, response, HttpServletResponse.SC_FORBIDDEN, ConsentPage.Outcome.FAILED);
            return;
        }
        String decision = request.getParameter("decision");
        if (!"allow".equals(decision) && !"deny".equals(decision)) {
            pages.renderOutcome(request, response, HttpServletResponse.SC_BAD_REQUEST, ConsentPage.Outcome.FAILED);
            return;
        }
        decideAndRedirect(request, response, attempt, subject.get(), "allow".equals(decision));
    }

    /** Decides, then sends the browser to where the outcome shows (Post/Redirect/Get). */
    void decideAndRedirect(HttpServletRequest request, HttpServletResponse response, Attempt attempt,
                           String subject, boolean allow) throws IOException {
        ConsentPage.Outcome outcome = decide(request, response, attempt, subject, allow);
        pages.redirectAfterDecision(request, response, outcome, outcomeUrl(request, attempt, outcome));
    }

    /**
     * The state expired before the customer signed in: say so, once, and drop the attempt; nothing is
     * sent. The cookie outlives the state by {@link AttemptCookie#GRACE} for exactly this.
     */
    private void expired(HttpServletRequest request, HttpServletResponse response, Attempt attempt)
            throws IOException {
        cookie.clear(request, response);
        LoginFlow.LOG.log(Level.INFO, "The Sate sign-in link for state {0} expired (state-ttl {1}) before the"
                + " customer signed in; they were asked to get a new one from Sate, and nothing was sent",
                Redact.hash(attempt.state()), Duration.between(attempt.createdAt(), attempt.expiresAt()));
        pages.renderOutcome(request, response, HttpServletResponse.SC_OK, ConsentPage.Outcome.EXPIRED);
    }

    /**
     * The page a decision redirected to. Shown again on every reload, but only to the browser that holds
     * the decided attempt (its cookie), and never while another customer is signed in there; otherwise
     * it says the link expired. (Whoever decided may no longer be visible: an app that signals its
     * logins explicitly signals them once.)
     */
    private void showOutcome(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.setHeader("Allow", "GET, HEAD");
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        String attemptId = request.getParameter("attempt");
        String code = request.getParameter("outcome");
        ConsentPage.Outcome outcome = ConsentPage.Outcome.ofCode(code);
        Attempt attempt = cookie.read(request, response)
                .filter(a -> a.id().equals(attemptId) && !a.isOpen()).orElse(null);
        boolean shown = outcome != null && attempt != null
                && csrf.verifyBase64(outcomeMessage(attemptId, code), request.getParameter("check"))
                && detection.signedInNow(request).filter(s -> !cookie.isBoundTo(attempt, s)).isEmpty();
        pages.renderOutcome(request, response, HttpServletResponse.SC_OK, shown ? outcome : ConsentPage.Outcome.EXPIRED);
    }

    /**
     * Decides the attempt once and keeps the decision in the browser, so that Back shows it. The
     * login signal given for this attempt is used up.
     */
    ConsentPage.Outcome decide(HttpServletRequest request, HttpServletResponse response,
                               Attempt attempt, String subject, boolean allow) {
        cookie.decided(request, response, attempt, subject, allow);
        LoginDetection.forgetSignal(request);
        return decisions.decide(attempt, subject, allow);
    }
}
