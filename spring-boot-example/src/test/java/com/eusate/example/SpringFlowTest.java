package com.eusate.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eusate.login.Browser;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SpringFlowTest extends SpringFlowSupport {

    @Test
    void springSecurityFormLoginWithCsrfConnectsTheCustomerAndTheTokenOpensThePreAuthorizedFunction() throws Exception {
        Browser browser = new Browser(base());
        String token = connect(browser, "alice", "wonderland");

        HttpResponse<String> orders = callOrders(token);

        assertEquals(200, orders.statusCode(), orders.body());
        assertTrue(orders.body().contains("\"customer\":\"alice\"") && orders.body().contains("Tea set for six"),
                orders.body());
        HttpResponse<String> anonymous = callOrders(null);
        assertEquals(302, anonymous.statusCode(), "without a token or a session, the shop's own login: " + anonymous.body());
        assertTrue(anonymous.headers().firstValue("Location").orElse("").endsWith("/login"));
    }

    @Test
    void consentWithoutItsCsrfTokenIsRefusedAndNothingReachesSate() throws Exception {
        Browser browser = new Browser(base());
        String state = "st_no_csrf_" + System.nanoTime();
        Browser.Page login = browser.follow(browser.get("/login?state=" + state));
        Browser.Page consent = browser.follow(browser.post("/login",
                Map.of("username", "bob", "password", "builder", "_csrf", login.formValue("_csrf"))));

        Browser.Page refused = browser.post("/sate-login/consent", Map.of("attempt", consent.formValue("attempt"),
                "decision", "allow"));

        assertEquals(403, refused.status());
        assertTrue(consent.body().contains("name=\"attempt\""), "the consent page was reached first: " + consent.body());
        assertTrue(SATE.accepted().stream().noneMatch(r -> r.state().equals(state)), "nothing reached Sate");
    }

    @Test
    void springSecuritysLogoutRevokesTheCustomersTokensWithoutAnyCodeInTheApp() throws Exception {
        Browser browser = new Browser(base());
        String token = connect(browser, "bob", "builder");
        assertEquals(200, callOrders(token).statusCode());
        Thread.sleep(1100); // the cut-off has one-second precision; the logout comes in a later second

        Browser.Page account = browser.get("/");
        browser.post("/logout", Map.of("_csrf", account.formValue("_csrf")));

        assertEquals(401, callOrders(token).statusCode(), "Spring's logout revoked bob's Sate tokens");
    }
}
