package com.eusate.login;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.LongAdder;

/**
 * What {@link SateLoginFilter} does once it has decided a request concerns a Sate login: capture the
 * state, notice the login, ask consent, issue the token and deliver it. This class is thread-safe.
 */
final class LoginFlow implements AutoCloseable {

    /** Set by {@link SateLoginFilter#loginSucceeded}: on the request, and in the session for later requests. */
    static final String SUBJECT_ATTRIBUTE = SateLoginFilter.class.getName() + ".subject";
    static final String CONSENT_PAGE = "/consent";
    static final String DONE_PARAM = "sate_login";
    /** Concurrent decisions remembered per node, so a double-click or a replayed form sends once. */
    private static final int MAX_DECISIONS = 10_000;

    private static final System.Logger LOG = System.getLogger(SateLoginFilter.class.getName());

    private final SateLoginConfig config;
    private final PendingStates pendingStates;
    private final Hmac csrf;
    private final TokenIssuer issuer;
    private final CallbackClient callback;
    private final ConsentPage pages;
    /** The consent page's path and the endpoint's prefix, built once rather than on every request. */
    private final String consentPath;
    private final String endpointPrefix;
    private final ConcurrentHashMap<String, Decision> decisions = new ConcurrentHashMap<>();
    private final LongAdder[] counters = new LongAdder[SateLoginEvent.Type.values().length];
    private final LongAdder badApiKey = new LongAdder();
    private final ForbiddenAlarm forbiddenAlarm = new ForbiddenAlarm(LOG, Duration.ofMinutes(1));

    private record Decision(CompletableFuture<ConsentPage.Outcome> outcome, Instant expiresAt) {
    }

    LoginFlow(SateLoginConfig config) {
        this.config = config;
        byte[] macSecret = config.macSecret();
        this.pendingStates = new PendingStates(Hmac.derive(macSecret, "sate-login/state-cookie/v1"),
                config.stateTtl(), config.clock());
        this.csrf = Hmac.derive(macSecret, "sate-login/consent-csrf/v1");
        this.issuer = config.tokenIssuer() != null ? config.tokenIssuer()
                : new JwtIssuer(config.algorithm(), config.keyId(), config.issuer(),
                        config.audience(), config.tokenTtl(), config.claims(), config.clock());
        this.callback = new CallbackClient(config.callbackUri(), config.apiKey(), config.clock(),
                config.maxBackgroundDeliveries());
        for (int i = 0; i < counters.length; i++) {
            counters[i] = new LongAdder();
        }
        this.pages = new ConsentPage(config.appName(), config.consentTemplate());
        this.consentPath = config.endpointPath() + CONSENT_PAGE;
        this.endpointPrefix = config.endpointPath() + "/";
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

    // ---- capture ----------------------------------------------------------------------------

    /** Keeps a valid {@code state} from the query string of a GET to a login path; returns it if kept. */
    Optional<PendingStates.Pending> capture(HttpServletRequest request, HttpServletResponse response) {
        StateParam.Result found = StateParam.fromQuery(request.getQueryString());
        switch (found.status()) {
            case VALID -> {
                PendingStates.Pending pending = pendingStates.capture(found.value(), request, response);
                LOG.log(Level.INFO, "Captured Sate state {0}", Redact.hash(found.value()));
                emit(SateLoginEvent.Type.STATE_CAPTURED, found.value(), null, 0, 0, "captured", null);
                return Optional.of(pending);
            }
            case INVALID -> {
                // the raw value is never logged: only why it was refused
                LOG.log(Level.INFO, "Ignored a Sate state on {0}: {1}", request.getRequestURI(), found.reason());
                emit(SateLoginEvent.Type.STATE_REJECTED, null, null, 0, 0, found.reason(), null);
                return Optional.empty();
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    List<PendingStates.Pending> pending(HttpServletRequest request, HttpServletResponse response) {
        return pendingStates.read(request, response);
    }

    // ---- login detection --------------------------------------------------------------------

    Optional<String> subject(HttpServletRequest request) {
        Object signalled = request.getAttribute(SUBJECT_ATTRIBUTE);
        if (signalled == null) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                try {
                    signalled = session.getAttribute(SUBJECT_ATTRIBUTE);
                } catch (IllegalStateException invalidated) {
                    signalled = null;
                }
            }
        }
        if (signalled instanceof String s && !s.isBlank()) {
            return Optional.of(s);
        }
        return config.subjectResolver().subjectOf(request);
    }

    /**
     * The customer is signed in and a state is pending: send them to the consent page, or with
     * consent off, deliver at once and show the outcome.
     */
    void signedIn(HttpServletRequest request, HttpServletResponse response, PendingStates.Pending pending,
                  String subject) throws IOException {
        if (config.consent()) {
            ConsentPage.noStoreNoFrame(response);
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", request.getContextPath() + consentPath
                    + "?attempt=" + pending.attemptId());
            return;
        }
        answer(request, response, HttpServletResponse.SC_OK, decide(request, response, pending, subject, true));
    }

    // ---- the consent endpoint ---------------------------------------------------------------

    boolean isEndpoint(String path) {
        return path.startsWith(endpointPrefix) || path.equals(config.endpointPath());
    }

    void serveEndpoint(HttpServletRequest request, HttpServletResponse response, String path) throws IOException {
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
            answer(request, response, HttpServletResponse.SC_OK, ConsentPage.Outcome.EXPIRED);
            return;
        }
        Optional<String> subject = subject(request);
        if (subject.isEmpty()) {
            // signed out in the meantime: back to the app's login; the state is still pending
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", request.getContextPath() + config.loginPaths().get(0));
            return;
        }
        String expectedCsrf = csrfToken(pending, subject.get());
        if (!method.equals("POST")) {
            pages.renderQuestion(response, request.getContextPath() + consentPath,
                    pending.attemptId(), expectedCsrf, subject.get(), frameworkCsrfField(request));
            emit(SateLoginEvent.Type.CONSENT_SHOWN, pending.state(), subject.get(), 0, 0, "consent page shown", null);
            return;
        }
        if (!csrf.verifyBase64(csrfMessage(pending, subject.get()), request.getParameter("csrf"))) {
            LOG.log(Level.WARNING, "Refused a Sate consent decision for state {0}: CSRF token missing or wrong",
                    Redact.hash(pending.state()));
            pages.renderOutcome(response, HttpServletResponse.SC_FORBIDDEN, ConsentPage.Outcome.FAILED);
            return;
        }
        String decision = request.getParameter("decision");
        if (!"allow".equals(decision) && !"deny".equals(decision)) {
            pages.renderOutcome(response, HttpServletResponse.SC_BAD_REQUEST, ConsentPage.Outcome.FAILED);
            return;
        }
        ConsentPage.Outcome outcome = decide(request, response, pending, subject.get(), "allow".equals(decision));
        answer(request, response, HttpServletResponse.SC_OK, outcome);
    }

    private String csrfToken(PendingStates.Pending pending, String subject) {
        return csrf.macBase64(csrfMessage(pending, subject));
    }

    /** The consent form is bound to this attempt, this state and this customer. */
    private static String csrfMessage(PendingStates.Pending pending, String subject) {
        return pending.attemptId() + "\n" + pending.state() + "\n" + subject;
    }

    /**
     * Spring Security (and frameworks that copy it) expose their CSRF token as the request attribute
     * {@code _csrf} with {@code getParameterName()} and {@code getToken()}. Echoing it in our form
     * lets the consent POST pass their CSRF filter when ours runs behind it.
     */
    private static ConsentPage.ExtraCsrfField frameworkCsrfField(HttpServletRequest request) {
        Object token = request.getAttribute("_csrf");
        if (token == null) {
            return null;
        }
        try {
            Object name = publicMethod(token.getClass(), "getParameterName").invoke(token);
            Object value = publicMethod(token.getClass(), "getToken").invoke(token);
            return name instanceof String n && value instanceof String v ? new ConsentPage.ExtraCsrfField(n, v) : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The method as declared by a public class or interface: the token's own class is often private
     * (Spring's deferred token), and calling through it would be refused.
     */
    private static Method publicMethod(Class<?> type, String name) throws NoSuchMethodException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (java.lang.reflect.Modifier.isPublic(c.getModifiers())) {
                try {
                    return c.getMethod(name);
                } catch (NoSuchMethodException e) {
                    // look further
                }
            }
            for (Class<?> i : c.getInterfaces()) {
                if (java.lang.reflect.Modifier.isPublic(i.getModifiers())) {
                    try {
                        return i.getMethod(name);
                    } catch (NoSuchMethodException e) {
                        // look further
                    }
                }
            }
        }
        throw new NoSuchMethodException(name);
    }

    // ---- decision, token, delivery ----------------------------------------------------------

    /**
     * Uses the pending state once: clears it, then (when allowed) issues and delivers the token.
     * A second decision on the same attempt on this node waits for and shares the first one's outcome.
     */
    private ConsentPage.Outcome decide(HttpServletRequest request, HttpServletResponse response,
                                       PendingStates.Pending pending, String subject, boolean allow) {
        pendingStates.clear(request, response, pending);
        purgeDecisions();
        Decision mine = new Decision(new CompletableFuture<>(), pending.expiresAt());
        Decision first = decisions.putIfAbsent(pending.attemptId(), mine);
        if (first != null) {
            try {
                return first.outcome().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ConsentPage.Outcome.FAILED;
            } catch (ExecutionException e) {
                return ConsentPage.Outcome.FAILED;
            }
        }
        ConsentPage.Outcome outcome = ConsentPage.Outcome.FAILED;
        try {
            outcome = allow ? deliver(pending, subject) : denied(pending, subject);
        } finally {
            mine.outcome().complete(outcome);
        }
        return outcome;
    }

    private void purgeDecisions() {
        if (decisions.size() >= MAX_DECISIONS) {
            Instant now = config.clock().instant();
            decisions.values().removeIf(d -> d.expiresAt().isBefore(now));
        }
    }

    private ConsentPage.Outcome denied(PendingStates.Pending pending, String subject) {
        LOG.log(Level.INFO, "Customer denied Sate for state {0}; nothing was sent", Redact.hash(pending.state()));
        emit(SateLoginEvent.Type.DENIED, pending.state(), subject, 0, 0, "customer denied", null);
        return ConsentPage.Outcome.DENIED;
    }

    private ConsentPage.Outcome deliver(PendingStates.Pending pending, String subject) {
        String stateHash = Redact.hash(pending.state());
        emit(SateLoginEvent.Type.ALLOWED, pending.state(), subject, 0, 0, "customer allowed", null);
        IssuedToken token;
        try {
            token = issuer.issue(subject);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Could not issue a token for state {0}: {1}", stateHash, e.getClass().getName());
            emit(SateLoginEvent.Type.FAILED, pending.state(), subject, 0, 0, "token issuer failed: "
                    + e.getClass().getSimpleName(), SateLoginEvent.Failure.TOKEN_NOT_ISSUED);
            return ConsentPage.Outcome.FAILED;
        }
        // the deadline never outlives the state or the token
        Instant now = config.clock().instant();
        Duration deadline = shortest(config.deliveryDeadline(), Duration.between(now, pending.expiresAt()),
                Duration.between(now, token.expiresAt()));
        CallbackClient.Result result = callback.deliver(token, pending.state(), config.callbackTimeout(), deadline,
                new CallbackClient.Observer() {
                    @Override
                    public void retrying(int attempt, int status, String reason) {
                        LOG.log(Level.INFO, "Retrying delivery for state {0} after attempt {1}: {2}",
                                stateHash, attempt, reason);
                        emit(SateLoginEvent.Type.RETRIED, pending.state(), subject, status, attempt, reason, null);
                    }

                    @Override
                    public void finishedInBackground(CallbackClient.Result late) {
                        report(late, pending.state(), subject);
                    }
                });
        if (result.outcome() == CallbackClient.Outcome.CONTINUING) {
            LOG.log(Level.INFO, "Delivery for state {0} continues in the background: {1}", stateHash, result.detail());
            emit(SateLoginEvent.Type.DEFERRED, pending.state(), subject, result.status(), result.attempts(),
                    result.detail(), null);
            return ConsentPage.Outcome.PENDING;
        }
        return report(result, pending.state(), subject) ? ConsentPage.Outcome.CONNECTED : ConsentPage.Outcome.FAILED;
    }

    /** Logs and reports the end of a delivery; true when Sate has the token. */
    private boolean report(CallbackClient.Result result, String state, String subject) {
        String stateHash = Redact.hash(state);
        SateLoginEvent.Failure failure;
        switch (result.outcome()) {
            case DELIVERED -> {
                LOG.log(Level.INFO, "Delivered the token for state {0} to Sate (attempts: {1})",
                        stateHash, result.attempts());
                emit(SateLoginEvent.Type.DELIVERED, state, subject, result.status(), result.attempts(), "delivered", null);
                return true;
            }
            case FORBIDDEN -> {
                failure = SateLoginEvent.Failure.BAD_API_KEY;
                forbiddenAlarm.raise(result.detail());
            }
            case REJECTED -> {
                failure = SateLoginEvent.Failure.REJECTED_BY_SATE;
                LOG.log(Level.WARNING, "Sate rejected the callback for state {0} (HTTP 400: {1})",
                        stateHash, result.detail());
            }
            default -> {
                failure = SateLoginEvent.Failure.NOT_DELIVERED;
                LOG.log(Level.WARNING, "Could not deliver the token for state {0} after {1} attempt(s): {2}",
                        stateHash, result.attempts(), result.detail());
            }
        }
        emit(SateLoginEvent.Type.FAILED, state, subject, result.status(), result.attempts(), result.detail(), failure);
        return false;
    }

    private static Duration shortest(Duration a, Duration b, Duration c) {
        Duration min = a.compareTo(b) < 0 ? a : b;
        return min.compareTo(c) < 0 ? min : c;
    }

    /** After the decision: the configured done-url, or the built-in outcome page. */
    private void answer(HttpServletRequest request, HttpServletResponse response, int status,
                        ConsentPage.Outcome outcome) throws IOException {
        if (config.doneUrl() == null) {
            pages.renderOutcome(response, status, outcome);
            return;
        }
        String url = config.doneUrl().toString();
        if (!config.doneUrl().isAbsolute()) {
            url = request.getContextPath() + url;
        }
        ConsentPage.noStoreNoFrame(response);
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", url + (url.contains("?") ? "&" : "?") + DONE_PARAM + "=" + outcome.code);
    }

    private void emit(SateLoginEvent.Type type, String state, String subject, int status, int attempt, String detail,
                      SateLoginEvent.Failure failure) {
        counters[type.ordinal()].increment();
        if (failure == SateLoginEvent.Failure.BAD_API_KEY) {
            badApiKey.increment();
        }
        try {
            config.listener().onEvent(new SateLoginEvent(type, config.clock().instant(),
                    state == null ? null : Redact.hash(state), subject, status, attempt, detail, failure));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A SateLoginListener threw {0}; ignored", e.getClass().getName());
        }
    }

    SateLoginStats stats() {
        return new SateLoginStats(count(SateLoginEvent.Type.STATE_CAPTURED), count(SateLoginEvent.Type.STATE_REJECTED),
                count(SateLoginEvent.Type.CONSENT_SHOWN), count(SateLoginEvent.Type.ALLOWED),
                count(SateLoginEvent.Type.DENIED), count(SateLoginEvent.Type.RETRIED), count(SateLoginEvent.Type.DEFERRED),
                count(SateLoginEvent.Type.DELIVERED), count(SateLoginEvent.Type.FAILED), badApiKey.sum(),
                callback.inBackground());
    }

    private long count(SateLoginEvent.Type type) {
        return counters[type.ordinal()].sum();
    }

    @Override
    public void close() {
        callback.close();
    }
}
