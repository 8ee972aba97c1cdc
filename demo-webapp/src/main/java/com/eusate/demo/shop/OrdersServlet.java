package com.eusate.demo.shop;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The function Sate calls: {@code GET /api/orders}. SateTokenFilter (web.xml) has verified the
 * token, so {@code getRemoteUser()} is the customer it was issued for.
 */
public final class OrdersServlet extends HttpServlet {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String customer = request.getRemoteUser();
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getWriter(), Map.of("customer", customer,
                "orders", Shop.ORDERS.getOrDefault(customer, List.of())));
    }
}
