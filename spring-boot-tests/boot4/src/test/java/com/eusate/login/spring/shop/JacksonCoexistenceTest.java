package com.eusate.login.spring.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eusate.login.Browser;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Spring Boot 4 only: the app's JSON is Jackson 3 ({@code tools.jackson}), while java-jwt, under the
 * middleware, signs and the token filter reads tokens with Jackson 2 ({@code com.fasterxml.jackson});
 * both releases are on one classpath, in different packages, and the whole flow runs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = ShopApplication.class,
        properties = "shop.login=own-page")
@DirtiesContext
class JacksonCoexistenceTest extends ShopFlowSupport {

    @Autowired
    ApplicationContext context;

    @Test
    void springMvcWritesWithJackson3WhileSatesTokensAreMadeAndReadWithJackson2() throws Exception {
        assertEquals(1, context.getBeanNamesForType(tools.jackson.databind.json.JsonMapper.class).length,
                "Boot 4 configures Jackson 3's JsonMapper for the app");
        assertEquals(3, tools.jackson.databind.cfg.PackageVersion.VERSION.getMajorVersion());
        assertEquals(2, com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.getMajorVersion(),
                "Jackson 2 is there for java-jwt");

        String token = connect(new Browser(base()), "alice", "wonderland"); // java-jwt signs: Jackson 2
        HttpResponse<String> orders = asSate("GET", "/api/orders", token, null); // verified (Jackson 2), written (3)

        assertEquals(200, orders.statusCode(), orders.body());
        assertTrue(orders.body().startsWith("{") && orders.body().contains("\"customer\":\"alice\""), orders.body());
    }
}
