package com.eusate.login;

import com.eusate.login.internal.InitParams;
import com.eusate.login.internal.signin.LoginFlow;
import com.eusate.login.signin.SateLoginConfig;
import com.eusate.login.signin.SateLoginListener;
import com.eusate.login.signin.SateLoginStats;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Objects;

/**
 * The login side: connects the app's existing login to Sate. Map it to {@code /*} so it sees the
 * login page, the request in which the login succeeds and the pages after it:
 * <ol>
 *   <li>on a page load of a login path it keeps Sate's {@code state} in a signed cookie, one per browser;</li>
 *   <li>once the customer is signed in it asks their consent on a page of its own;</li>
 *   <li>on "Allow" it issues a token and posts it to Sate's callback, then shows the outcome.</li>
 * </ol>
 * Requests without a pending state pass straight through. A failure inside the filter is logged and
 * never breaks the app's own pages.
 *
 * <p>Configure it with init-params ({@code web.xml}; the configuration reference, docs/configuration.md, lists them, and any value may
 * be written {@code ${env:NAME}} or {@code ${sys:name}}) or a {@link SateLoginConfig}. Everything it
 * uses lives in {@code com.eusate.login.signin}.
 * <p>This class is thread-safe.
 */
public final class SateLoginFilter implements Filter {

    private static final System.Logger LOG = System.getLogger(SateLoginFilter.class.getName());

    private final SateLoginConfig given;
    private LoginFlow flow;

    /** For {@code web.xml}: the settings come from init-params. */
    public SateLoginFilter() {
        this.given = null;
    }

    /** For code and Spring's {@code FilterRegistrationBean}: init-params are then not allowed. */
    public SateLoginFilter(SateLoginConfig config) {
        this.given = Objects.requireNonNull(config, "config");
    }

    /**
     * Tells the filter that the app's own code has just signed {@code subject} in, for apps whose
     * login is not visible through the configured {@code subject} resolver. Call it on the request in
     * which the login happened. While a Sate login is pending in that request, the subject is also
     * remembered in the session for that one attempt's consent step; it is forgotten once the attempt
     * is decided, and ignored once the resolver sees another customer, or sees this one leave. Does
     * nothing visible when no Sate login is pending.
     */
    public static void loginSucceeded(HttpServletRequest request, String subject) {
        Objects.requireNonNull(request, "request");
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("subject must not be blank");
        }
        LoginFlow.loginSucceeded(request, subject);
    }

    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        flow = InitParams.start(this, filterConfig, given, SateLoginConfig::fromInitParams, LoginFlow::new);
        LOG.log(Level.INFO, "SateLoginFilter [{0}] ready: {1}", filterConfig.getFilterName(), flow.config());
        if (filterConfig.getServletContext() != null) {
            flow.warnIfConsentCannotBeSkipped(filterConfig.getServletContext().getContextPath());
        }
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (flow == null) {
            throw new ServletException("SateLoginFilter was not initialised");
        }
        if (req instanceof HttpServletRequest request && res instanceof HttpServletResponse response) {
            flow.filter(request, response, chain);
        } else {
            chain.doFilter(req, res);
        }
    }

    /** Counters since the filter started; also readable through a {@link SateLoginListener}. */
    public SateLoginStats stats() {
        if (flow == null) {
            throw new IllegalStateException("SateLoginFilter was not initialised");
        }
        return flow.stats();
    }

    /**
     * Stops the filter: deliveries still retrying in the background get a few seconds to finish;
     * each one that cannot is logged and reported to the listener as failed.
     */
    @Override
    public void destroy() {
        if (flow != null) {
            flow.close();
        }
    }

    @Override
    public String toString() {
        return "SateLoginFilter[" + (flow != null ? flow.config() : given) + "]";
    }
}
