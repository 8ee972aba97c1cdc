package com.eusate.login.spring.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eusate.login.Browser;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code oauth2Login()}: the customer signs in with an external OpenID Connect provider, a real one
 * on another port ({@link OidcProvider}), configured the usual Spring Boot way by its issuer URI.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = ShopApplication.class,
        properties = "shop.login=oauth2")
@DirtiesContext
class OAuth2LoginFlowTest extends ShopFlowSupport {

    private static final String CLIENT = "spring.security.oauth2.client.";

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        registry.add(CLIENT + "registration." + OidcProvider.ISSUER_ID + ".client-id", () -> "shop");
        registry.add(CLIENT + "registration." + OidcProvider.ISSUER_ID + ".client-secret", () -> "shop-client-secret");
        registry.add(CLIENT + "registration." + OidcProvider.ISSUER_ID + ".scope", () -> "openid,profile");
        registry.add(CLIENT + "provider." + OidcProvider.ISSUER_ID + ".issuer-uri",
                () -> OidcProvider.get().issuer().toString());
    }

    @Test
    void oauth2LoginWithAnOpenIdConnectProviderCapturesTheStateAndTheLoginReachesSate() throws Exception {
        Browser browser = new Browser(base());
        String state = newState();
        Browser.Page link = browser.get("/login?state=" + state);
        assertTrue(link.setCookies().stream().anyMatch(c -> c.startsWith("sate_login=")), "captured at once");
        Browser.Page login = browser.follow(link);
        assertEquals(200, login.status(), login.body());
        String providerLink = "/oauth2/authorization/" + OidcProvider.ISSUER_ID;
        assertTrue(login.body().contains(providerLink), "Spring's login page offers the provider: " + login.body());

        Browser.Page authorize = browser.get(providerLink);
        assertEquals(302, authorize.status());
        assertTrue(authorize.header("Location").startsWith(OidcProvider.get().issuer() + "/authorize"),
                "the customer goes to the provider: " + authorize.header("Location"));
        Browser.Page consent = browser.follow(authorize); // provider -> /login/oauth2/code/... -> consent

        String token = allow(browser, consent, state, OidcProvider.CUSTOMER);
        HttpResponse<String> orders = asSate("GET", "/api/orders", token, null);
        assertEquals(200, orders.statusCode(), orders.body());
        assertTrue(orders.body().contains("\"customer\":\"" + OidcProvider.CUSTOMER + "\""), orders.body());
    }
}
