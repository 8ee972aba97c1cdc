package com.eusate.login.internal.signin;

import com.eusate.login.signin.SubjectResolver;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Optional;

/**
 * Tells whether the customer is signed in, and which requests are page loads of a login path. This
 * class is thread-safe.
 */
final class LoginDetection {

    /** Set by {@code SateLoginFilter.loginSucceeded} on the request in which the login happened. */
    static final String SUBJECT_ATTRIBUTE = "com.eusate.login.SateLoginFilter.subject";
    /** The attempt pending in this request, for {@code loginSucceeded} to tie its signal to. */
    static final String ATTEMPT_ATTRIBUTE = "com.eusate.login.SateLoginFilter.attempt";
    /**
     * The explicit signal kept in the session for the requests after the login, as
     * {@code attemptId|confirmed|subject}: it counts for that one attempt only, and only until the
     * resolver sees a different customer, or sees none after having seen this one.
     */
    static final String SIGNAL_ATTRIBUTE = "com.eusate.login.SateLoginFilter.signal";

    private final SubjectResolver resolver;
    private final List<String> loginPaths;

    LoginDetection(SubjectResolver resolver, List<String> loginPaths) {
        this.resolver = resolver;
        this.loginPaths = loginPaths;
    }

    /** Remembers the app's signal; in the session only while a Sate login is pending in this request. */
    static void signal(HttpServletRequest request, String subject) {
        request.setAttribute(SUBJECT_ATTRIBUTE, subject);
        if (request.getAttribute(ATTEMPT_ATTRIBUTE) instanceof String attemptId) {
            request.getSession(true).setAttribute(SIGNAL_ATTRIBUTE, attemptId + "|0|" + subject);
        }
    }

    /** The customer signed in as this request shows it: signalled in it, else as the resolver finds. */
    Optional<String> signedInNow(HttpServletRequest request) {
        if (request.getAttribute(SUBJECT_ATTRIBUTE) instanceof String given && !given.isBlank()) {
            return Optional.of(given);
        }
        return resolver.subjectOf(request);
    }

    /**
     * The customer signed in for {@code attempt} (may be null): as this request shows it, else as the
     * app signalled it for this attempt earlier, unless the resolver has since seen someone else or
     * has seen that customer leave.
     */
    Optional<String> subject(HttpServletRequest request, Attempt attempt) {
        if (request.getAttribute(SUBJECT_ATTRIBUTE) instanceof String given && !given.isBlank()) {
            return Optional.of(given);
        }
        Optional<String> resolved = resolver.subjectOf(request);
        HttpSession session = request.getSession(false);
        String[] signal = signalIn(session);
        if (signal == null) {
            return resolved;
        }
        String attemptId = signal[0];
        boolean confirmed = signal[1].equals("1");
        String signalled = signal[2];
        if (resolved.isPresent()) {
            if (!resolved.get().equals(signalled)) {
                forget(session);
            } else if (!confirmed) {
                try {
                    session.setAttribute(SIGNAL_ATTRIBUTE, attemptId + "|1|" + signalled);
                } catch (IllegalStateException invalidated) {
                    // another request of this browser ended the session just now: nothing to confirm
                }
            }
            return resolved;
        }
        if (confirmed || attempt == null || !attempt.id().equals(attemptId)) {
            forget(session); // the customer the resolver saw has left, or the signal was for another attempt
            return Optional.empty();
        }
        return Optional.of(signalled);
    }

    /** Drops the signal: the attempt it was given for is decided. */
    static void forgetSignal(HttpServletRequest request) {
        forget(request.getSession(false));
    }

    private static String[] signalIn(HttpSession session) {
        try {
            if (session != null && session.getAttribute(SIGNAL_ATTRIBUTE) instanceof String s) {
                String[] parts = s.split("\\|", 3);
                return parts.length == 3 ? parts : null;
            }
        } catch (IllegalStateException invalidated) {
            // the app invalidated the session in this request
        }
        return null;
    }

    private static void forget(HttpSession session) {
        try {
            if (session != null) {
                session.removeAttribute(SIGNAL_ATTRIBUTE);
            }
        } catch (IllegalStateException invalidated) {
            // nothing left to forget
        }
    }

    /** A page load of a login path, with or without a trailing slash. */
    boolean isLoginPage(HttpServletRequest request, String path) {
        return isLoginPath(path) && isPageLoad(request); // the path first: it spares most requests any header read
    }

    boolean isLoginPath(String path) {
        for (String loginPath : loginPaths) {
            // the path itself, or the path and a trailing slash, without cutting a new string per request
            if (path.startsWith(loginPath) && (path.length() == loginPath.length()
                    || (path.length() == loginPath.length() + 1 && path.endsWith("/")))) {
                return true;
            }
        }
        return false;
    }

    String firstLoginPath() {
        return loginPaths.get(0);
    }

    /**
     * A top-level page load (not an image, a frame, a fetch or a form post): the only kind of request
     * that may capture a state or be answered with a redirect to the consent page. Fetch metadata
     * decides where the browser sends it; older clients are judged by {@code Accept}.
     */
    static boolean isPageLoad(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod())) {
            return false;
        }
        String mode = request.getHeader("Sec-Fetch-Mode");
        if (mode != null) {
            String dest = request.getHeader("Sec-Fetch-Dest");
            return mode.equals("navigate") && (dest == null || dest.equals("document"));
        }
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/html");
    }
}
