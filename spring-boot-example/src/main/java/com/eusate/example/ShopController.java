package com.eusate.example;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/** The shop's pages and the function Sate calls. */
@RestController
class ShopController {

    static final Map<String, List<Map<String, String>>> ORDERS = Map.of(
            "alice", List.of(Map.of("id", "A-1001", "item", "Tea set for six", "status", "shipped")),
            "bob", List.of(Map.of("id", "B-2001", "item", "Cordless drill", "status", "delivered")));

    @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
    String login(CsrfToken csrf) {
        return "<!DOCTYPE html><html><body><h1>Sign in</h1><form method=\"post\" action=\"/login\">"
                + "<input type=\"hidden\" name=\"" + csrf.getParameterName() + "\" value=\"" + csrf.getToken() + "\">"
                + "<input name=\"username\"><input name=\"password\" type=\"password\"><button>Sign in</button>"
                + "</form></body></html>";
    }

    @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
    String account(Principal principal, CsrfToken csrf) {
        return "<!DOCTYPE html><html><body><h1>Signed in as " + HtmlUtils.htmlEscape(principal.getName()) + "</h1>"
                + "<form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"" + csrf.getParameterName()
                + "\" value=\"" + csrf.getToken() + "\"><button>Sign out</button></form></body></html>";
    }

    /** Called by Sate with its token, and by the shop's own pages with their session: the same customer either way. */
    @GetMapping("/api/orders")
    @PreAuthorize("isAuthenticated()")
    Map<String, Object> orders(Authentication authentication) {
        String customer = authentication.getName();
        return Map.of("customer", customer, "orders", ORDERS.getOrDefault(customer, List.of()));
    }
}
