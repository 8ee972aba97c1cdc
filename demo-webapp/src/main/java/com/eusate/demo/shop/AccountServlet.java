package com.eusate.demo.shop;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/** The signed-in customer's page; the home page links here and to the Sate simulator. */
public final class AccountServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        Object user = session == null ? null : session.getAttribute(Shop.USER_ATTRIBUTE);
        if (request.getServletPath().equals("/account") && user == null) {
            response.sendRedirect(request.getContextPath() + "/login");
            return;
        }
        if (user == null) {
            Shop.page(response, 200, "Welcome", "<h1>Welcome to the Acme Demo Shop</h1>"
                    + "<p><a href=\"/login\">Sign in</a> or try Sate: <a href=\"/sate/\">open the Sate chat"
                    + " simulator</a>.</p>");
            return;
        }
        StringBuilder orders = new StringBuilder("<ul>");
        for (Shop.Order o : Shop.ORDERS.getOrDefault(user.toString(), java.util.List.of())) {
            orders.append("<li>").append(Shop.escape(o.id() + ": " + o.item() + " (" + o.status() + ")")).append("</li>");
        }
        Shop.page(response, 200, "Your account", "<h1 id=\"account\">Signed in as " + Shop.escape(user.toString())
                + "</h1><h2>Your orders</h2>" + orders + "</ul>"
                + "<form method=\"post\" action=\"/logout\"><button type=\"submit\">Sign out</button></form>"
                + "<p><a href=\"/sate/\">Sate chat simulator</a></p>");
    }
}
