package com.eusate.login;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/** The servlets of the test web apps in src/test/webapps (declared in their web.xml). */
public final class ContainerApps {

    private ContainerApps() {
    }

    private static void html(HttpServletResponse response, String body) throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write("<!DOCTYPE html><html><body>" + body + "</body></html>");
    }

    /** Shows who is signed in: the container's principal, else the hand-rolled session user. */
    public static final class Account extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String user = req.getRemoteUser();
            HttpSession session = req.getSession(false);
            if (user == null && session != null && session.getAttribute("user") != null) {
                user = session.getAttribute("user").toString();
            }
            if (user == null) {
                resp.sendRedirect(req.getContextPath() + "/login");
                return;
            }
            html(resp, "<h1>Account of " + user + "</h1>");
        }
    }

    /** The container FORM login's page. */
    public static final class FormLoginPage extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            html(resp, "<h1>Sign in</h1><form method=\"post\" action=\"j_security_check\">"
                    + "<input name=\"j_username\"><input name=\"j_password\" type=\"password\"><button>Sign in</button></form>");
        }
    }

    /** A hand-rolled login: the user in the session, the session replaced at login. */
    public static final class HandRolledLogin extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            html(resp, "<h1>Sign in</h1><form method=\"post\" action=\"login\">"
                    + "<input name=\"username\"><input name=\"password\" type=\"password\"><button>Sign in</button></form>");
        }

        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String user = req.getParameter("username");
            if (!"wonderland".equals(req.getParameter("password")) || !"alice".equals(user)) {
                resp.setStatus(401);
                doGet(req, resp);
                return;
            }
            HttpSession old = req.getSession(false);
            if (old != null) {
                old.invalidate();
            }
            req.getSession(true).setAttribute("user", user);
            resp.sendRedirect(req.getContextPath() + "/account");
        }
    }

    /** An app page that answers from another thread (async servlet), like SSE or DeferredResult do. */
    public static final class AsyncPage extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain;charset=UTF-8");
            jakarta.servlet.AsyncContext async = req.startAsync();
            new Thread(() -> {
                try {
                    async.getResponse().getWriter().write("answered from another thread");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } finally {
                    async.complete();
                }
            }).start();
        }
    }
}
