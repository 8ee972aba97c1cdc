package com.eusate.login.spring.shop;

import com.eusate.login.spring.SateAuthenticationToken;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/** The shop's pages, and the functions both its own frontend and Sate call. */
@RestController
class ShopController {

    static final Map<String, List<String>> ORDERS = Map.of(
            "alice", List.of("A-1001 Tea set for six"),
            "bob", List.of("B-2001 Cordless drill"));

    @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
    String login(CsrfToken csrf) {
        return "<!DOCTYPE html><html><body><h1>Sign in to the shop</h1><form method=\"post\" action=\"/login\">"
                + "<input type=\"hidden\" name=\"" + csrf.getParameterName() + "\" value=\"" + csrf.getToken() + "\">"
                + "<input name=\"username\"><input name=\"password\" type=\"password\"><button>Sign in</button>"
                + "</form></body></html>";
    }

    @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
    String home(Authentication authentication, CsrfToken csrf) {
        return "<!DOCTYPE html><html><body><h1>Signed in as " + HtmlUtils.htmlEscape(authentication.getName())
                + "</h1><form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\""
                + csrf.getParameterName() + "\" value=\"" + csrf.getToken() + "\"><button>Sign out</button></form>"
                + "</body></html>";
    }

    /** A function Sate calls with its token, and the shop's own frontend with its session. */
    @GetMapping("/api/orders")
    @PreAuthorize("isAuthenticated()")
    Map<String, Object> orders(Authentication authentication) {
        return Map.of("customer", authentication.getName(), "via", via(authentication),
                "orders", ORDERS.getOrDefault(authentication.getName(), List.of()));
    }

    /** A state-changing function: CSRF applies to the session, not to Sate's token. */
    @PostMapping("/api/notes")
    @PreAuthorize("isAuthenticated()")
    Map<String, Object> addNote(Authentication authentication, @RequestBody Map<String, String> note) {
        return Map.of("customer", authentication.getName(), "via", via(authentication), "saved", note.get("text"));
    }

    private static String via(Authentication authentication) {
        return authentication instanceof SateAuthenticationToken ? "sate" : "session";
    }
}
