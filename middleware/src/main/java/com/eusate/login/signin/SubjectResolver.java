package com.eusate.login.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.lang.reflect.Method;
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
     * string value. A value with a public {@code getAuthentication()} that returns a {@link Principal}
     * (Spring Security's {@code SecurityContext}, which it keeps in the session attribute
     * {@code SPRING_SECURITY_CONTEXT}) is that principal's name, or nobody when it is missing or says
     * {@code isAuthenticated() == false}: so {@code session:SPRING_SECURITY_CONTEXT} finds Spring
     * Security's customer from a filter that runs before Spring Security, without depending on Spring.
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
            if (value instanceof Principal p) {
                return nonBlank(p.getName());
            }
            Optional<Principal> authentication = authenticationOf(value);
            return authentication != null ? authentication.flatMap(p -> nonBlank(p.getName()))
                    : nonBlank(value.toString());
        });
    }

    /**
     * The principal a security context holds ({@code getAuthentication()}), empty when it holds nobody
     * or someone not authenticated; {@code null} when the value is no such context.
     */
    private static Optional<Principal> authenticationOf(Object value) {
        Method getter;
        try {
            getter = value.getClass().getMethod("getAuthentication");
        } catch (NoSuchMethodException notAContext) {
            return null;
        }
        if (!Principal.class.isAssignableFrom(getter.getReturnType())) {
            return null;
        }
        try {
            Principal principal = (Principal) getter.invoke(value);
            return principal == null || isFalse(principal, "isAuthenticated") ? Optional.empty() : Optional.of(principal);
        } catch (ReflectiveOperationException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** Whether the object has a public no-argument method of that name that answers {@code false}. */
    private static boolean isFalse(Object object, String method) throws ReflectiveOperationException {
        try {
            return Boolean.FALSE.equals(object.getClass().getMethod(method).invoke(object));
        } catch (NoSuchMethodException noSuchFlag) {
            return false;
        }
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
