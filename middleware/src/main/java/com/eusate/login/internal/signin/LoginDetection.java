package com.eusate.login.internal.signin;

import com.eusate.login.signin.SubjectResolver;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Optional;

/**
 * Tells whether the customer is signed in, and which requests may show them the consent page. This
 * class is thread-safe.
 */
final class LoginDetection {

    /** Set by {@code SateLoginFilter.loginSucceeded}: on the request, and in the session for later requests. */
    static final String SUBJECT_ATTRIBUTE = "com.eusate.login.SateLoginFilter.subject";

    private final SubjectResolver resolver;
    private final List<String> loginPaths;

    LoginDetection(SubjectResolver resolver, List<String> loginPaths) {
        this.resolver = resolver;
        this.loginPaths = loginPaths;
    }

    /** The customer who is signed in: as the app's code signalled it, else as the resolver finds. */
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
        return resolver.subjectOf(request);
    }

    boolean isLoginPage(HttpServletRequest request, String path) {
        return "GET".equals(request.getMethod()) && loginPaths.contains(path);
    }

    String firstLoginPath() {
        return loginPaths.get(0);
    }

    /** A top-level page load, which we may answer with a redirect to the consent page. */
    static boolean isNavigation(HttpServletRequest request) {
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
}
