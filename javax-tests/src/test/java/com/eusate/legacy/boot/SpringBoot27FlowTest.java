package com.eusate.legacy.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.eusate.login.Browser;
import com.eusate.login.FakeSate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.servlet.ServletContext;
import org.apache.catalina.util.ServerInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.SpringSecurityCoreVersion;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The javax artifact in a real Spring Boot 2.7 app on its embedded Tomcat 9 (Servlet 4.0), on a
 * random port, over HTTP: Spring Security 5.8's form login with CSRF on, the filters as
 * FilterRegistrationBeans, and a real HTTP server playing Sate that enforces its contract.
 */
@SpringBootTest(classes = LegacyShopApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SpringBoot27FlowTest {

    static final String API_KEY = "sk_boot27_" + UUID.randomUUID().toString().replace("-", "");
    static final String SECRET = "boot27-test-signing-secret-" + UUID.randomUUID();
    static final FakeSate SATE = startSate();

    @LocalServerPort
    int port;

    @Autowired
    ServletContext servletContext;

    private static FakeSate startSate() {
        try {
            return new FakeSate(API_KEY);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopSate() throws Exception {
        SATE.close();
    }

    @DynamicPropertySource
    static void sate(DynamicPropertyRegistry registry) {
        registry.add("sate.api-key", () -> API_KEY);
        registry.add("sate.signing-secret", () -> SECRET);
        registry.add("sate.api-base-url", () -> SATE.baseUrl().toString());
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Test
    void runsOnSpringBoot27WithSpringSecurity58OnAServlet4Tomcat9() {
        assertTrue(SpringBootVersion.getVersion().startsWith("2.7."), SpringBootVersion.getVersion());
        assertTrue(SpringSecurityCoreVersion.getVersion().startsWith("5.8."), SpringSecurityCoreVersion.getVersion());
        assertTrue(ServerInfo.getServerNumber().startsWith("9.0."), ServerInfo.getServerInfo());
        assertEquals(4, servletContext.getMajorVersion());
    }

    @Test
    void formLoginWithCsrfThenAllowDeliversOneVerifiableTokenAndItOpensTheFunctionWhereNoTokenGets401()
            throws Exception {
        Browser browser = new Browser(base());
        String state = "st_" + UUID.randomUUID();
        Browser.Page login = browser.get("/login?state=" + state);
        assertEquals(200, login.status());
        String springCsrf = login.formValue("_csrf");
        assertNotNull(springCsrf, login.body());

        Browser.Page consent = browser.follow(browser.post("/login",
                Map.of("username", "alice", "password", "wonderland", "_csrf", springCsrf)));
        assertEquals("/sate-login/consent", consent.uri().getPath(), consent.body());
        assertNotNull(consent.formValue("_csrf"), "the consent form carries Spring's CSRF token: " + consent.body());

        Browser.Page done = browser.follow(browser.post("/sate-login/consent", Map.of("attempt",
                consent.formValue("attempt"), "csrf", consent.formValue("csrf"), "_csrf", consent.formValue("_csrf"),
                "decision", "allow")));
        assertEquals(200, done.status(), done.body());
        assertTrue(done.body().contains("data-outcome=\"connected\""), done.body());

        List<FakeSate.Received> received = SATE.accepted().stream().filter(r -> r.state().equals(state)).toList();
        assertEquals(1, received.size(), "callbacks Sate accepted for this state");
        String token = received.get(0).authToken();
        assertEquals("alice", JWT.require(Algorithm.HMAC256(SECRET)).build().verify(token).getSubject());

        HttpResponse<String> orders = callOrders(token);
        assertEquals(200, orders.statusCode(), orders.body());
        assertTrue(orders.body().contains("\"customer\":\"alice\""), orders.body());
        HttpResponse<String> anonymous = callOrders(null);
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertEquals("Bearer error=\"invalid_token\"", anonymous.headers().firstValue("WWW-Authenticate").orElse(""));
    }

    @Test
    void consentWithoutSpringsCsrfTokenIsStoppedBySpringSecurityAndNothingIsDelivered() throws Exception {
        Browser browser = new Browser(base());
        String state = "st_no_csrf_" + UUID.randomUUID();
        Browser.Page login = browser.get("/login?state=" + state);
        Browser.Page consent = browser.follow(browser.post("/login",
                Map.of("username", "alice", "password", "wonderland", "_csrf", login.formValue("_csrf"))));
        assertEquals("/sate-login/consent", consent.uri().getPath(), consent.body());

        Browser.Page refused = browser.post("/sate-login/consent", Map.of("attempt", consent.formValue("attempt"),
                "csrf", consent.formValue("csrf"), "decision", "allow"));

        assertEquals(403, refused.status());
        assertTrue(SATE.accepted().stream().noneMatch(r -> r.state().equals(state)), "no callback for this state");
    }

    private HttpResponse<String> callOrders(String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base().resolve("/api/orders"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
