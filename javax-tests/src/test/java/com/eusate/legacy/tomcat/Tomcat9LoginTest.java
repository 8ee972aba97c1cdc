package com.eusate.legacy.tomcat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.eusate.login.Browser;
import com.eusate.login.FakeSate;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.catalina.util.ServerInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The javax artifact registered the web.xml way (init-params with ${sys:...} references) in a real
 * embedded Tomcat 9, a Servlet 4.0 container, in front of the container's own FORM login and of a
 * hand-rolled login, driven over HTTP against the contract-enforcing Sate stand-in. A call the
 * shared code makes to a method Servlet 4.0 lacks would fail these with NoSuchMethodError.
 */
class Tomcat9LoginTest {

    static final Path FORM_APP = Path.of("src/test/webapps/form");
    static final Path HAND_ROLLED_APP = Path.of("src/test/webapps/handrolled");
    static final String API_KEY = "sk_javax_" + UUID.randomUUID().toString().replace("-", "");
    static final String SECRET = "javax-test-signing-secret-" + UUID.randomUUID();

    private FakeSate sate;
    private Tomcat9 tomcat;
    private Browser browser;

    @BeforeEach
    void startSate() throws Exception {
        sate = new FakeSate(API_KEY);
        System.setProperty("sate.test.api-key", API_KEY);
        System.setProperty("sate.test.signing-secret", SECRET);
        System.setProperty("sate.test.api-base-url", sate.baseUrl().toString());
    }

    @AfterEach
    void stop() throws Exception {
        if (tomcat != null) {
            tomcat.close();
        }
        sate.close();
    }

    private void deploy(Path webapp) throws Exception {
        tomcat = new Tomcat9(webapp);
        assertTrue(ServerInfo.getServerNumber().startsWith("9.0."), ServerInfo.getServerInfo());
        assertEquals("4.0", tomcat.servletVersion());
        browser = new Browser(tomcat.baseUrl());
    }

    /** From the consent page the login led to: Allow, then Sate has exactly alice's token for this state. */
    private String allowAndAssertDelivered(Browser.Page consent, String state) throws Exception {
        assertTrue(consent.uri().getPath().endsWith("/sate-login/consent"), consent.uri() + "\n" + consent.body());
        assertTrue(consent.body().contains("name=\"decision\""), consent.body());
        Browser.Page done = browser.follow(browser.post("/sate-login/consent", Map.of(
                "attempt", consent.formValue("attempt"), "csrf", consent.formValue("csrf"), "decision", "allow")));
        assertTrue(done.body().contains("data-outcome=\"connected\""), done.body());

        assertEquals(1, sate.accepted().size(), "callbacks Sate accepted");
        FakeSate.Received received = sate.accepted().get(0);
        assertEquals(state, received.state());
        assertEquals("alice", JWT.require(Algorithm.HMAC256(SECRET)).build().verify(received.authToken()).getSubject());
        return received.authToken();
    }

    private String handRolledLoginDeliversTheToken() throws Exception {
        String state = "st_" + UUID.randomUUID();
        assertEquals(200, browser.get("/login?state=" + state).status());
        return allowAndAssertDelivered(browser.follow(browser.post("/login",
                Map.of("username", "alice", "password", "wonderland"))), state);
    }

    @Test
    void tomcat9ContainerFormLoginThenAllowDeliversOneVerifiableTokenForTheState() throws Exception {
        deploy(FORM_APP);
        String state = "st_" + UUID.randomUUID();
        Browser.Page loginForm = browser.follow(browser.get("/account?state=" + state));
        assertTrue(loginForm.body().contains("j_security_check"), loginForm.body());

        allowAndAssertDelivered(browser.follow(browser.post("/j_security_check",
                Map.of("j_username", "alice", "j_password", "wonderland"))), state);
    }

    @Test
    void tomcat9HandRolledLoginThenAllowDeliversOneVerifiableTokenForTheState() throws Exception {
        deploy(HAND_ROLLED_APP);
        handRolledLoginDeliversTheToken();
    }

    @Test
    void tomcat9TokenFilterLetsTheDeliveredTokenThroughAsTheCustomerAndAnswers401WithoutOrWithAForgedToken()
            throws Exception {
        deploy(HAND_ROLLED_APP);
        String token = handRolledLoginDeliversTheToken();

        HttpResponse<String> ok = callOrders("Bearer " + token);
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("{\"customer\":\"alice\",\"principal\":\"alice\",\"orders\":[\"A-1001\"]}", ok.body());

        HttpResponse<String> missing = callOrders(null);
        assertEquals(401, missing.statusCode(), missing.body());
        assertEquals("Bearer error=\"invalid_token\"", missing.headers().firstValue("WWW-Authenticate").orElse(""));

        // the same claims, signed with another secret
        String forged = JWT.create().withIssuer("sate-login-middleware").withAudience("sate").withSubject("alice")
                .withIssuedAt(Instant.now()).withExpiresAt(Instant.now().plusSeconds(600))
                .sign(Algorithm.HMAC256("another-secret-of-at-least-32-bytes-" + UUID.randomUUID()));
        HttpResponse<String> rejected = callOrders("Bearer " + forged);
        assertEquals(401, rejected.statusCode(), rejected.body());
        assertTrue(rejected.body().contains("\"error\":\"invalid_token\""), rejected.body());
        assertFalse(rejected.body().contains(forged), "the 401 never repeats the token");
    }

    private HttpResponse<String> callOrders(String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(tomcat.baseUrl().resolve("/api/orders"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
