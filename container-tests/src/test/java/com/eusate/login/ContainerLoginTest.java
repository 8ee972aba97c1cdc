package com.eusate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SateLoginFilter registered the web.xml way (init-params with ${sys:...} references) in real Tomcat
 * and Jetty containers, in front of the container's own FORM login and of a hand-rolled login,
 * driven over HTTP against the Sate stand-in.
 */
class ContainerLoginTest {

    static final Path FORM_APP = Path.of("src/test/webapps/form");
    static final Path HAND_ROLLED_APP = Path.of("src/test/webapps/handrolled");
    static final String API_KEY = "sk_container_" + UUID.randomUUID().toString().replace("-", "");
    static final String SECRET = "container-test-signing-secret-" + UUID.randomUUID();

    private FakeSate sate;
    private Containers.Running container;
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
        if (container != null) {
            container.close();
        }
        sate.close();
    }

    private void deploy(Containers.Running running) {
        container = running;
        browser = new Browser(container.baseUrl());
    }

    /**
     * Sate's link points at the protected /account: the container asks for the login, replays the
     * saved /account?state=... afterwards, and the filter goes from there.
     */
    private void containerFormLoginDeliversTheToken() throws Exception {
        String state = "st_" + UUID.randomUUID();
        Browser.Page loginForm = browser.follow(browser.get("/account?state=" + state));
        assertTrue(loginForm.body().contains("j_security_check"), loginForm.body());

        allowAndAssertDelivered(browser.follow(browser.post("/j_security_check",
                Map.of("j_username", "alice", "j_password", "wonderland"))), state);
    }

    private void handRolledLoginDeliversTheToken() throws Exception {
        String state = "st_" + UUID.randomUUID();
        assertEquals(200, browser.get("/login?state=" + state).status());
        allowAndAssertDelivered(browser.follow(browser.post("/login",
                Map.of("username", "alice", "password", "wonderland"))), state);
    }

    /** From the consent page the login led to: Allow, then Sate has alice's token for this state. */
    private void allowAndAssertDelivered(Browser.Page consent, String state) throws Exception {
        assertTrue(consent.uri().getPath().endsWith("/sate-login/consent"), consent.uri().toString());
        assertTrue(consent.body().contains("name=\"decision\""), consent.body());
        Browser.Page done = browser.follow(browser.post("/sate-login/consent", Map.of(
                "attempt", consent.formValue("attempt"), "csrf", consent.formValue("csrf"), "decision", "allow")));
        assertTrue(done.body().contains("data-outcome=\"connected\""), done.body());
        assertDelivered(state, "alice");
    }

    private void assertDelivered(String state, String subject) {
        assertEquals(1, sate.accepted().size());
        FakeSate.Received received = sate.accepted().get(0);
        assertEquals(state, received.state());
        assertEquals(subject, JWT.require(Algorithm.HMAC256(SECRET)).build().verify(received.authToken()).getSubject());
    }

    @Test
    void tomcatWithContainerFormLogin() throws Exception {
        deploy(Containers.tomcat(FORM_APP));
        containerFormLoginDeliversTheToken();
    }

    @Test
    void jettyWithContainerFormLogin() throws Exception {
        deploy(Containers.jetty(FORM_APP));
        containerFormLoginDeliversTheToken();
    }

    @Test
    void tomcatWithHandRolledLogin() throws Exception {
        deploy(Containers.tomcat(HAND_ROLLED_APP));
        handRolledLoginDeliversTheToken();
    }

    @Test
    void jettyWithHandRolledLogin() throws Exception {
        deploy(Containers.jetty(HAND_ROLLED_APP));
        handRolledLoginDeliversTheToken();
    }

    /** With a state pending and nobody signed in, an async page of the app answers as without us. */
    private void asyncPageAnswersWhileAStateIsPending() throws Exception {
        assertEquals(200, browser.get("/login?state=st_" + UUID.randomUUID()).status());
        Browser.Page page = browser.get("/async");
        assertEquals(200, page.status(), page::toString);
        assertEquals("answered from another thread", page.body());
    }

    @Test
    void tomcatServesAnAsyncPageWhileAStateIsPending() throws Exception {
        deploy(Containers.tomcat(HAND_ROLLED_APP));
        asyncPageAnswersWhileAStateIsPending();
    }

    @Test
    void jettyServesAnAsyncPageWhileAStateIsPending() throws Exception {
        deploy(Containers.jetty(HAND_ROLLED_APP));
        asyncPageAnswersWhileAStateIsPending();
    }
}
