package com.eusate.demo.shop;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** The demo shop's customers, their orders, and its page frame. */
final class Shop {

    static final Map<String, String> PASSWORDS = Map.of("alice", "wonderland", "bob", "builder");
    static final String USER_ATTRIBUTE = "user";

    record Order(String id, String item, String status) {
    }

    static final Map<String, List<Order>> ORDERS = Map.of(
            "alice", List.of(new Order("A-1001", "Tea set for six", "shipped"),
                    new Order("A-1002", "Looking-glass", "processing")),
            "bob", List.of(new Order("B-2001", "Cordless drill", "delivered")));

    private Shop() {
    }

    static void page(HttpServletResponse response, int status, String title, String body) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>"
                + escape(title) + " - Acme Demo Shop</title><style>body{font:1rem/1.5 system-ui,sans-serif;"
                + "max-width:36rem;margin:2rem auto;padding:0 1rem;overflow-wrap:anywhere}"
                + "label{display:block;margin:.5rem 0}input{display:block;width:100%;max-width:20rem;font:inherit;"
                + "padding:.5rem}button{font:inherit;min-height:2.75rem;padding:.5rem 1.5rem}</style>"
                + "</head><body><p><a href=\"/\">Acme Demo Shop</a></p>" + body + "</body></html>");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
