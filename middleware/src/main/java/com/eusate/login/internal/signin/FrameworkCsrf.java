package com.eusate.login.internal.signin;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Spring Security (and frameworks that copy it) expose their CSRF token as the request attribute
 * {@code _csrf} with {@code getParameterName()} and {@code getToken()}. Echoing it in the consent form
 * lets the consent POST pass their CSRF filter when ours runs behind it; found by reflection so that
 * the library does not depend on Spring.
 */
final class FrameworkCsrf {

    private FrameworkCsrf() {
    }

    /** The framework's CSRF field for this request, or null when there is none. */
    static ConsentPage.ExtraCsrfField of(HttpServletRequest request) {
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
            if (Modifier.isPublic(c.getModifiers())) {
                try {
                    return c.getMethod(name);
                } catch (NoSuchMethodException e) {
                    // look further
                }
            }
            for (Class<?> i : c.getInterfaces()) {
                if (Modifier.isPublic(i.getModifiers())) {
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
}
