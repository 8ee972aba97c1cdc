package com.eusate.login.spring.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.eusate.login.Browser;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/** {@code sate.token.revoke-on-logout=false}: the customer's Sate tokens outlive their browser session. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = ShopApplication.class,
        properties = {"shop.login=own-page", "sate.token.revoke-on-logout=false"})
@DirtiesContext
class LogoutRevocationOffTest extends ShopFlowSupport {

    @Test
    void withRevokeOnLogoutOffTheTokenStillWorksAfterLogout() throws Exception {
        Browser browser = new Browser(base());
        String token = connect(browser, "alice", "wonderland");
        Thread.sleep(1100); // as in the revoking test: a cut-off would cover the token from here on

        Browser.Page home = browser.get("/");
        assertEquals(302, browser.post("/logout", Map.of("_csrf", hidden(home, "_csrf"))).status());

        assertEquals(200, asSate("GET", "/api/orders", token, null).statusCode());
    }
}
