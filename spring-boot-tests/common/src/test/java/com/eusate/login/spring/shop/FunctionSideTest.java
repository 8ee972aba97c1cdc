package com.eusate.login.spring.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eusate.login.Browser;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The function side inside Spring Security: {@code /api/orders} and {@code /api/notes} are open at
 * the URL level and guarded only by {@code @PreAuthorize("isAuthenticated()")}, so what passes is
 * exactly what Spring Security holds as authenticated.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = ShopApplication.class,
        properties = "shop.login=own-page")
@DirtiesContext
class FunctionSideTest extends ShopFlowSupport {

    @Test
    void preAuthorizeIsAuthenticatedPassesWithSatesTokenAndWithTheShopsSessionAndFailsWithNeither() throws Exception {
        Browser browser = new Browser(base());
        String token = connect(browser, "alice", "wonderland");

        HttpResponse<String> withToken = asSate("GET", "/api/orders", token, null);
        assertEquals(200, withToken.statusCode(), withToken.body());
        assertTrue(withToken.body().contains("\"customer\":\"alice\"") && withToken.body().contains("\"via\":\"sate\""),
                "authentication.getName() is the token's customer: " + withToken.body());

        // the shop's own frontend, signed in by its session, fetching the same function
        Browser.Page withSession = browser.get("/api/orders", Map.of("Accept", "application/json"));
        assertEquals(200, withSession.status(), withSession.body());
        assertTrue(withSession.body().contains("\"customer\":\"alice\"")
                && withSession.body().contains("\"via\":\"session\""), withSession.body());

        HttpResponse<String> withNeither = asSate("GET", "/api/orders", null, null);
        assertNotEquals(200, withNeither.statusCode(), withNeither.body());
        assertFalse(withNeither.body().contains("Tea set"), withNeither.body());
        Browser.Page anonymousBrowser = new Browser(base()).get("/api/orders");
        assertEquals(302, anonymousBrowser.status(), "the shop's own entry point sends a browser to its login");
        assertTrue(anonymousBrowser.header("Location").endsWith("/login"), anonymousBrowser.header("Location"));
    }

    @Test
    void aTokenThatDoesNotVerifyIsRefusedWith401AndNeverFallsBackToTheSession() throws Exception {
        Browser browser = new Browser(base());
        String token = connect(browser, "bob", "builder");
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");

        HttpRequest request = HttpRequest.newBuilder(base().resolve("/api/orders"))
                .header("Authorization", "Bearer " + tampered)
                .header("Cookie", "JSESSIONID=" + browser.cookies.get("JSESSIONID")).build();
        HttpResponse<String> refused = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(401, refused.statusCode(), refused.body());
        assertEquals("Bearer error=\"invalid_token\"", refused.headers().firstValue("WWW-Authenticate").orElse(null));
        assertFalse(refused.body().contains(tampered), "the token is never repeated");
    }

    @Test
    void csrfIsSkippedForARequestWhoseHeaderTokenVerifiedAndStillEnforcedForTheSessionWithoutItsCsrfToken() throws Exception {
        Browser browser = new Browser(base());
        String token = connect(browser, "alice", "wonderland");

        HttpResponse<String> sate = asSate("POST", "/api/notes", token, "{\"text\":\"gift wrap\"}");
        assertEquals(200, sate.statusCode(), sate.body());
        assertTrue(sate.body().contains("\"via\":\"sate\"") && sate.body().contains("gift wrap"), sate.body());

        HttpRequest sessionWithoutCsrf = HttpRequest.newBuilder(base().resolve("/api/notes"))
                .header("Content-Type", "application/json")
                .header("Cookie", "JSESSIONID=" + browser.cookies.get("JSESSIONID"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"forged\"}")).build();
        HttpResponse<String> forged = HttpClient.newHttpClient().send(sessionWithoutCsrf,
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, forged.statusCode(), "a session request without Spring's CSRF token is refused");
    }

    @Test
    void logoutRevokesTheCustomersSateTokens() throws Exception {
        Browser browser = new Browser(base());
        String token = connect(browser, "bob", "builder");
        assertEquals(200, asSate("GET", "/api/orders", token, null).statusCode());
        Thread.sleep(1100); // revocation cut-offs have one-second precision: log out in a later second

        Browser.Page home = browser.get("/");
        Browser.Page loggedOut = browser.post("/logout", Map.of("_csrf", hidden(home, "_csrf")));
        assertEquals(302, loggedOut.status(), loggedOut.body());

        assertEquals(401, asSate("GET", "/api/orders", token, null).statusCode(), "Spring's logout revoked bob's tokens");
    }
}
