package com.eusate.legacy.tomcat;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

/** The javax.servlet servlets of the test web apps in src/test/webapps (declared in their web.xml). */
public final class LegacyApps {

    private LegacyApps() {
    }

    private static void html(HttpServletResponse response, String body) throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write("<!DOCTYPE html><html><body>" + body + "</body></html>");
    }

    /** Shows who is signed in: the container's principal, else the hand-rolled session user. */
    public static final class Account extends HttpServlet {
        private static final long serialVersionUID = 1L;

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
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            html(resp, "<h1>Sign in</h1><form method=\"post\" action=\"j_security_check\">"
                    + "<input name=\"j_username\"><input name=\"j_password\" type=\"password\"><button>Sign in</button></form>");
        }
    }

    /** A hand-rolled login: the user in the session, the session replaced at login. */
    public static final class HandRolledLogin extends HttpServlet {
        private static final long serialVersionUID = 1L;

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

    /** The function Sate calls, behind SateTokenFilter: answers for the token's customer. */
    public static final class Orders extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("application/json");
            resp.getWriter().write("{\"customer\":\"" + req.getRemoteUser() + "\",\"principal\":\""
                    + req.getUserPrincipal().getName() + "\",\"orders\":[\"A-1001\"]}");
        }
    }
}
