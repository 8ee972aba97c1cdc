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
        return page("Sign in", "<h1>Sign in</h1><form method=\"post\" action=\"/login\">"
                + "<input type=\"hidden\" name=\"" + csrf.getParameterName() + "\" value=\"" + csrf.getToken() + "\">"
                + "<label for=\"username\">Username</label>"
                + "<input name=\"username\" id=\"username\" autocomplete=\"username\">"
                + "<label for=\"password\">Password</label>"
                + "<input name=\"password\" id=\"password\" type=\"password\" autocomplete=\"current-password\">"
                + "<button>Sign in</button></form>");
    }

    @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
    String account(Principal principal, CsrfToken csrf) {
        String name = HtmlUtils.htmlEscape(principal.getName());
        return page("Signed in as " + name, "<h1>Signed in as " + name + "</h1>"
                + "<form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"" + csrf.getParameterName()
                + "\" value=\"" + csrf.getToken() + "\"><button>Sign out</button></form>");
    }

    /** A page that reads well on a phone: viewport meta, one column, labels above their fields. */
    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + title + " - Spring Demo Shop</title><style>body{font:1rem/1.5 system-ui,sans-serif;"
                + "max-width:32rem;margin:2rem auto;padding:0 1rem}label{display:block;margin:.75rem 0 .25rem}"
                + "input{display:block;width:100%;font:inherit;padding:.5rem}button{margin-top:1rem;font:inherit;"
                + "min-height:2.75rem;padding:.5rem 1.5rem}</style></head><body>" + body + "</body></html>";
    }

    /** Called by Sate with its token, and by the shop's own pages with their session: the same customer either way. */
    @GetMapping("/api/orders")
    @PreAuthorize("isAuthenticated()")
    Map<String, Object> orders(Authentication authentication) {
        String customer = authentication.getName();
        return Map.of("customer", customer, "orders", ORDERS.getOrDefault(customer, List.of()));
    }
}
