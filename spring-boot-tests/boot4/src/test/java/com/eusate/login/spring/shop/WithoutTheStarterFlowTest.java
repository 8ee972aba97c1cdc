package com.eusate.login.spring.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eusate.login.Browser;
import com.eusate.login.SateLoginFilter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Spring without the starter, on Boot 4: the same shop and login setups as the starter's tests, with
 * the starter's auto-configuration excluded and {@code SateLoginFilter} registered by the app's own
 * {@code FilterRegistrationBean} as docs/spring-without-starter.md says ({@link SateFiltersWithoutTheStarter}).
 * Each setup runs the whole flow over HTTP: Sate's link captured on the first request, the login as the
 * setup has it, consent, Allow, and the stand-in Sate receiving the customer's token.
 */
class WithoutTheStarterFlowTest extends ShopFlowSupport {

    @ParameterizedTest(name = "shop.login={0}")
    @ValueSource(strings = {"default-page", "own-page", "matcher", "fixed-success", "new-session"})
    void everyFormLoginSetupCapturesTheStateAndTheLoginReachesSate(String setup) throws Exception {
        try (ConfigurableApplicationContext app = start(setup)) {
            connect(new Browser(base()), "alice", "wonderland");
        }
    }

    @Test
    void oauth2LoginCapturesTheStateAndTheLoginReachesSate() throws Exception {
        String client = "spring.security.oauth2.client.";
        String registration = client + "registration." + OidcProvider.ISSUER_ID;
        try (ConfigurableApplicationContext app = start("oauth2", registration + ".client-id=shop",
                registration + ".client-secret=shop-client-secret", registration + ".scope=openid,profile",
                client + "provider." + OidcProvider.ISSUER_ID + ".issuer-uri=" + OidcProvider.get().issuer())) {
            Browser browser = new Browser(base());
            String state = newState();
            Browser.Page link = browser.get("/login?state=" + state);
            assertTrue(link.setCookies().stream().anyMatch(c -> c.startsWith("sate_login=")), "captured at once");
            Browser.Page authorize = browser.get("/oauth2/authorization/" + OidcProvider.ISSUER_ID);
            assertEquals(302, authorize.status());
            allow(browser, browser.follow(authorize), state, OidcProvider.CUSTOMER);
        }
    }

    /** The shop with the given login setup, the starter switched off, and the app's own registration. */
    private ConfigurableApplicationContext start(String setup, String... more) {
        List<String> properties = new ArrayList<>(List.of("shop.login=" + setup, "server.port=0",
                "spring.autoconfigure.exclude=com.eusate.login.spring.SateLoginAutoConfiguration,"
                        + "com.eusate.login.spring.SateObservabilityAutoConfiguration",
                "sate.api-key=" + API_KEY, "sate.signing-secret=" + SECRET, "sate.api-base-url=" + SATE.baseUrl()));
        properties.addAll(List.of(more));
        ConfigurableApplicationContext app = new SpringApplicationBuilder(ShopApplication.class,
                SateFiltersWithoutTheStarter.class).properties(properties.toArray(String[]::new)).run();
        port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        List<Object> sateFilters = app.getBeansOfType(FilterRegistrationBean.class).values().stream()
                .map(FilterRegistrationBean::getFilter).filter(SateLoginFilter.class::isInstance)
                .map(Object.class::cast).toList();
        assertEquals(1, sateFilters.size(), "only the app's own SateLoginFilter, the starter's is off");
        return app;
    }
}
