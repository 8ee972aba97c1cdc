package com.eusate.login.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import java.util.Objects;
import java.util.Optional;

/**
 * Tells who is signed in on a request, in the app's own terms. The answer becomes the {@code sub} of
 * the token Sate receives. Implementations must be thread-safe and must not consume the request body.
 */
@FunctionalInterface
public interface SubjectResolver {

    /** The signed-in customer's stable id, or empty when nobody is signed in. */
    Optional<String> subjectOf(HttpServletRequest request);

    /** {@code request.getUserPrincipal().getName()}: container, Spring Security and JAAS logins. */
    static SubjectResolver principal() {
        return named("principal", request -> {
            Principal p = request.getUserPrincipal();
            return p == null ? Optional.empty() : nonBlank(p.getName());
        });
    }

    /**
     * A session attribute set by a hand-rolled login: a {@link Principal}'s name, else the attribute's
     * string value.
     */
    static SubjectResolver sessionAttribute(String name) {
        Objects.requireNonNull(name, "name");
        return named("session:" + name, request -> {
            HttpSession session = request.getSession(false);
            Object value = null;
            if (session != null) {
                try {
                    value = session.getAttribute(name);
                } catch (IllegalStateException invalidated) {
                    value = null;
                }
            }
            if (value == null) {
                return Optional.empty();
            }
            return nonBlank(value instanceof Principal p ? p.getName() : value.toString());
        });
    }

    /** A built-in resolver that says in {@code toString} how the subject setting spelled it. */
    private static SubjectResolver named(String spec, SubjectResolver resolver) {
        return new SubjectResolver() {
            @Override
            public Optional<String> subjectOf(HttpServletRequest request) {
                return resolver.subjectOf(request);
            }

            @Override
            public String toString() {
                return spec;
            }
        };
    }

    private static Optional<String> nonBlank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
    }
}
