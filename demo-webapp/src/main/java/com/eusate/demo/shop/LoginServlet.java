package com.eusate.demo.shop;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * A hand-rolled form login, like many existing apps have: it knows nothing about Sate. On success it
 * replaces the session (a careful app renews the session id at login) and redirects to the account.
 */
public final class LoginServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        form(response, HttpServletResponse.SC_OK, "");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String user = request.getParameter("username");
        String password = request.getParameter("password");
        if (user == null || password == null || !password.equals(Shop.PASSWORDS.get(user))) {
            form(response, HttpServletResponse.SC_UNAUTHORIZED, "<p role=\"alert\">Wrong username or password.</p>");
            return;
        }
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        request.getSession(true).setAttribute(Shop.USER_ATTRIBUTE, user);
        response.sendRedirect(request.getContextPath() + "/account");
    }

    private static void form(HttpServletResponse response, int status, String message) throws IOException {
        Shop.page(response, status, "Sign in", "<h1>Sign in</h1>" + message
                + "<form method=\"post\" action=\"/login\">"
                + "<label>Username <input name=\"username\" id=\"username\" autocomplete=\"username\"></label>"
                + "<label>Password <input name=\"password\" id=\"password\" type=\"password\""
                + " autocomplete=\"current-password\"></label>"
                + "<button type=\"submit\" id=\"sign-in\">Sign in</button></form>"
                + "<p>Demo customers: alice / wonderland, bob / builder.</p>");
    }
}
