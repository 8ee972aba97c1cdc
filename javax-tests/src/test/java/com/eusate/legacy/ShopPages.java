package com.eusate.legacy;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The pages of the Spring Boot 2.7 shops: a login page of their own (with Spring's CSRF token), the
 * signed-in customer's page, and the function Sate calls. Not scanned: each app imports it.
 */
@RestController
public class ShopPages {

    @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
    String login(CsrfToken csrf) {
        return "<!DOCTYPE html><html><body><h1>Sign in</h1><form method=\"post\" action=\"/login\">"
                + "<input type=\"hidden\" name=\"" + csrf.getParameterName() + "\" value=\"" + csrf.getToken() + "\">"
                + "<input name=\"username\"><input name=\"password\" type=\"password\"><button>Sign in</button>"
                + "</form></body></html>";
    }

    @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
    String account(Principal principal) {
        return "<!DOCTYPE html><html><body><h1>Signed in as " + HtmlUtils.htmlEscape(principal.getName())
                + "</h1></body></html>";
    }

    /** Behind SateTokenFilter: the remote user is the customer the token was issued for. */
    @GetMapping("/api/orders")
    Map<String, Object> orders(HttpServletRequest request) {
        return Map.of("customer", request.getRemoteUser(), "orders", List.of("A-1001"));
    }
}
