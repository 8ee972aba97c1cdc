package com.eusate.login.spring.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eusate.login.Browser;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * {@code sessionFixation().newSession()}: the whole session is replaced at login, its attributes dropped. The whole flow, then Sate's call with the token it received.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = ShopApplication.class,
        properties = "shop.login=new-session")
@DirtiesContext
class NewSessionFixationFlowTest extends ShopFlowSupport {

    @Test
    void aNewSessionAtLoginStillLeadsToConsentAndTheLoginReachesSate() throws Exception {
        String token = connect(new Browser(base()), "alice", "wonderland");

        HttpResponse<String> orders = asSate("GET", "/api/orders", token, null);
        assertEquals(200, orders.statusCode(), orders.body());
        assertTrue(orders.body().contains("\"customer\":\"alice\"") && orders.body().contains("\"via\":\"sate\""),
                orders.body());
    }
}
