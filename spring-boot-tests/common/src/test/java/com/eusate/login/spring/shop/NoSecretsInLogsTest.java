package com.eusate.login.spring.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eusate.login.Browser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Everything the app and the Sate stand-in log through start-up, a whole flow and Sate's calls
 * holds neither the API key, the signing secret, the token nor the raw state.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = ShopApplication.class,
        properties = "shop.login=own-page")
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class NoSecretsInLogsTest extends ShopFlowSupport {

    @Test
    void aWholeFlowLogsNoApiKeySigningSecretTokenOrState(CapturedOutput output) throws Exception {
        String state = newState();
        Browser browser = new Browser(base());
        String token = allow(browser, formLogin(browser, state, "bob", "builder"), state, "bob");
        assertEquals(200, asSate("GET", "/api/orders", token, null).statusCode());
        assertEquals(401, asSate("GET", "/api/orders", token + "x", null).statusCode());

        String logged = output.getAll();
        assertTrue(logged.contains("Delivered the token for state #"), "the flow was logged: " + logged.length());
        assertFalse(logged.contains(API_KEY), "API key logged");
        assertFalse(logged.contains(SECRET), "signing secret logged");
        assertFalse(logged.contains(token.substring(token.lastIndexOf('.') + 1)), "token logged");
        assertFalse(logged.contains(state), "raw state logged");
    }
}
