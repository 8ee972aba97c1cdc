package com.eusate.demo.shop;

import com.eusate.login.SateTokenFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Instant;

/** Signs the customer out and revokes every token Sate holds for them. */
public final class LogoutServlet extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        if (session != null) {
            Object user = session.getAttribute(Shop.USER_ATTRIBUTE);
            if (user != null) {
                SateTokenFilter.revocationStore(request.getServletContext()).revokeSubject(user.toString(), Instant.now());
            }
            session.invalidate();
        }
        response.sendRedirect(request.getContextPath() + "/");
    }
}
