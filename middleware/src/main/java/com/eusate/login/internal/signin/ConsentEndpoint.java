package com.eusate.login.internal.signin;

import com.eusate.login.internal.Hmac;
import com.eusate.login.internal.Redact;
import com.eusate.login.signin.SateLoginEvent.Type;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * The filter's own endpoint: {@code {endpoint-path}/consent} asks the signed-in customer (GET) and
 * takes their decision (POST, protected by a CSRF token bound to the attempt, the state and the
 * customer). Anything else under the endpoint path is not found. This class is thread-safe.
 */
final class ConsentEndpoint {

    private final String endpointPath;
    /** The consent page's path and the endpoint's prefix, built once rather than on every request. */
    private final String consentPath;
    private final String endpointPrefix;
    private final PendingStates pendingStates;
    private final LoginDetection detection;
    private final Decisions decisions;
    private final ConsentPage pages;
    private final Events events;
    private final Hmac csrf;

    ConsentEndpoint(String endpointPath, PendingStates pendingStates, LoginDetection detection, Decisions decisions,
                    ConsentPage pages, Events events, Hmac csrf) {
        this.endpointPath = endpointPath;
        this.consentPath = endpointPath + "/consent";
        this.endpointPrefix = endpointPath + "/";
        this.pendingStates = pendingStates;
        this.detection = detection;
        this.decisions = decisions;
        this.pages = pages;
        this.events = events;
        this.csrf = csrf;
    }

    boolean isEndpoint(String path) {
        return path.startsWith(endpointPrefix) || path.equals(endpointPath);
    }

    /** Where a signed-in customer with a pending state is sent to decide. */
    String consentUrl(HttpServletRequest request, PendingStates.Pending pending) {
        return request.getContextPath() + consentPath + "?attempt=" + pending.attemptId();
    }

    void serve(HttpServletRequest request, HttpServletResponse response, String path) throws IOException {
        if (!path.equals(consentPath)) {
            pages.renderOutcome(response, HttpServletResponse.SC_NOT_FOUND, ConsentPage.Outcome.EXPIRED);
            return;
        }
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD") && !method.equals("POST")) {
            response.setHeader("Allow", "GET, HEAD, POST");
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        String attemptId = request.getParameter("attempt");
        PendingStates.Pending pending = pendingStates.read(request, response).stream()
                .filter(p -> p.attemptId().equals(attemptId)).findFirst().orElse(null);
        if (pending == null) {
            pages.answer(request, response, HttpServletResponse.SC_OK, ConsentPage.Outcome.EXPIRED);
            return;
        }
        Optional<String> subject = detection.subject(request);
        if (subject.isEmpty()) {
            // signed out in the meantime: back to the app's login; the state is still pending
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", request.getContextPath() + detection.firstLoginPath());
            return;
        }
        String csrfMessage = pending.attemptId() + "\n" + pending.state() + "\n" + subject.get();
        if (!method.equals("POST")) {
            pages.renderQuestion(response, request.getContextPath() + consentPath, pending.attemptId(),
                    csrf.macBase64(csrfMessage), subject.get(), FrameworkCsrf.of(request));
            events.emit(Type.CONSENT_SHOWN, pending.state(), subject.get(), "consent page shown");
            return;
        }
        if (!csrf.verifyBase64(csrfMessage, request.getParameter("csrf"))) {
            LoginFlow.LOG.log(Level.WARNING, "Refused a Sate consent decision for state {0}: CSRF token missing or"
                    + " wrong", Redact.hash(pending.state()));
            pages.renderOutcome(response, HttpServletResponse.SC_FORBIDDEN, ConsentPage.Outcome.FAILED);
            return;
        }
        String decision = request.getParameter("decision");
        if (!"allow".equals(decision) && !"deny".equals(decision)) {
            pages.renderOutcome(response, HttpServletResponse.SC_BAD_REQUEST, ConsentPage.Outcome.FAILED);
            return;
        }
        ConsentPage.Outcome outcome = decisions.decide(request, response, pending, subject.get(),
                "allow".equals(decision));
        pages.answer(request, response, HttpServletResponse.SC_OK, outcome);
    }
}
