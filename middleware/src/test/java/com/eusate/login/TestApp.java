package com.eusate.login;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;

/**
 * An "existing app" in a real embedded Jetty 12: a hand-rolled form login like many apps have, with
 * the filter under test mapped to {@code /*}. How the login ends is configurable, because apps differ.
 */
final class TestApp implements AutoCloseable {

    static final Map<String, String> USERS = Map.of("alice", "wonderland", "bob", "builder");

    /** How the app's login answers and treats the session. */
    enum Login {
        /** Invalidate the old session, start a new one, redirect to /account (the careful PRG app). */
        REDIRECT,
        /** Renew the session id and render the account page directly in the POST's response. */
        RENDER,
        /** Like REDIRECT, but keeps the user somewhere no resolver looks and calls loginSucceeded(). */
        EXPLICIT,
        /** Like REDIRECT, with Servlet 6.1's sendRedirect(location, 303, true), as Spring 7 apps do. */
        SEE_OTHER,
        /**
         * Like REDIRECT, and calls loginSucceeded() as well; its logout only removes the user and
         * keeps the session, as {@code request.logout()} does in many containers.
         */
        SIGNAL_AND_KEEP_SESSION
    }

    private final Server server;

    TestApp(Filter filter, Login login) throws Exception {
        server = Loopback.server();
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/");
        context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new LoginServlet(login)), "/login");
        context.addServlet(new ServletHolder(new AccountServlet()), "/account");
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                HttpSession session = req.getSession(false);
                if (session != null && login == Login.SIGNAL_AND_KEEP_SESSION) {
                    session.removeAttribute("user");
                } else if (session != null) {
                    session.invalidate();
                }
                resp.setContentType("text/html;charset=UTF-8");
                resp.getWriter().write("<h1>Signed out</h1>");
            }
        }), "/logout");
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.setContentType("text/html;charset=UTF-8");
                resp.getWriter().write("<h1>Home</h1>");
            }
        }), "/");
        server.setHandler(context);
        server.start();
    }

    URI baseUrl() {
        return Loopback.baseUrl(server);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private static final class LoginServlet extends HttpServlet {
        private final Login login;

        LoginServlet(Login login) {
            this.login = login;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/html;charset=UTF-8");
            resp.getWriter().write("<h1>Sign in</h1><form method=\"post\" action=\"/login\">"
                    + "<input name=\"username\"><input name=\"password\" type=\"password\">"
                    + "<button>Sign in</button></form>");
        }

        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String user = req.getParameter("username");
            if (user == null || !USERS.getOrDefault(user, "\0").equals(req.getParameter("password"))) {
                resp.setStatus(401);
                doGet(req, resp);
                return;
            }
            HttpSession old = req.getSession(false);
            switch (login) {
                case REDIRECT, EXPLICIT, SEE_OTHER, SIGNAL_AND_KEEP_SESSION -> {
                    if (old != null) {
                        old.invalidate();
                    }
                    HttpSession session = req.getSession(true);
                    if (login == Login.EXPLICIT) {
                        session.setAttribute("custom-auth", user);
                        SateLoginFilter.loginSucceeded(req, user);
                    } else {
                        session.setAttribute("user", user);
                    }
                    if (login == Login.SIGNAL_AND_KEEP_SESSION) {
                        SateLoginFilter.loginSucceeded(req, user);
                    }
                    if (login == Login.SEE_OTHER) {
                        resp.sendRedirect("/account", HttpServletResponse.SC_SEE_OTHER, true);
                    } else {
                        resp.sendRedirect("/account");
                    }
                }
                case RENDER -> {
                    HttpSession session = req.getSession(true);
                    req.changeSessionId();
                    session.setAttribute("user", user);
                    AccountServlet.render(resp, user);
                }
            }
        }
    }

    private static final class AccountServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            HttpSession session = req.getSession(false);
            Object user = session == null ? null : session.getAttribute("user");
            if (user == null && session != null) {
                user = session.getAttribute("custom-auth");
            }
            if (user == null) {
                resp.sendRedirect("/login");
                return;
            }
            render(resp, user.toString());
        }

        /** Flushes and closes at the end, as many page renderers do. */
        static void render(HttpServletResponse resp, String user) throws IOException {
            resp.setContentType("text/html;charset=UTF-8");
            try (java.io.PrintWriter out = resp.getWriter()) {
                out.write("<h1>Account of " + user + "</h1>");
                out.flush();
            }
        }
    }
}
