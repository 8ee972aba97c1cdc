package com.eusate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.eusate.login.signin.SateLoginConfig;
import com.eusate.login.signin.SateLoginEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The login side over real HTTP: a cookie-keeping client, the filter inside a real Jetty 12 in
 * front of a hand-rolled form login, and a real HTTP server playing Sate that enforces its contract.
 * After every test, the captured logs and events must not contain the API key, the secret, a token
 * or a state.
 */
abstract class LoginFlowFixture {


    static final String API_KEY = "sk_live_" + UUID.randomUUID().toString().replace("-", "");
    static final String SECRET = "test-signing-secret-" + UUID.randomUUID();

    static final String CONNECTED = "data-outcome=\"connected\"";
    static final String FAILED = "data-outcome=\"failed\"";
    static final String DENIED = "data-outcome=\"denied\"";

    final MutableClock clock = new MutableClock();
    final List<SateLoginEvent> events = new CopyOnWriteArrayList<>();
    final List<String> statesUsed = new ArrayList<>();
    LogCapture logs;
    FakeSate sate;
    TestApp app;
    SateLoginFilter filter;
    Browser browser;

    @BeforeEach
    void startSate() throws Exception {
        logs = new LogCapture();
        sate = new FakeSate(API_KEY);
    }

    void startApp(TestApp.Login login, UnaryOperator<SateLoginConfig.Builder> customize) throws Exception {
        SateLoginConfig.Builder builder = SateLoginConfig.builder()
                .apiKey(API_KEY)
                .signingSecret(SECRET)
                .apiBaseUrl(sate.baseUrl())
                .allowInsecureLocalhost(true)
                .subject("session:user")
                .appName("Acme Shop")
                .clock(clock)
                .listener(events::add);
        filter = new SateLoginFilter(customize.apply(builder).build());
        app = new TestApp(filter, login);
        browser = new Browser(app.baseUrl());
    }

    void startApp() throws Exception {
        startApp(TestApp.Login.REDIRECT, b -> b);
    }

    @AfterEach
    void stopAndCheckLogs() throws Exception {
        if (app != null) {
            app.close();
        }
        sate.close();
        logs.close();
        List<String> secrets = new ArrayList<>(List.of(API_KEY, SECRET));
        secrets.addAll(statesUsed);
        sate.accepted().forEach(c -> secrets.add(c.authToken()));
        for (String line : logs.lines()) {
            for (String secret : secrets) {
                assertFalse(line.contains(secret), () -> "a log line leaks a secret: " + line);
            }
        }
        for (SateLoginEvent event : events) {
            for (String secret : secrets) {
                assertFalse(event.toString().contains(secret), () -> "an event leaks a secret: " + event);
            }
        }
    }

    String newState() {
        String state = "st_" + UUID.randomUUID().toString().replace("-", "");
        statesUsed.add(state);
        return state;
    }

    Browser.Page signIn(String user) throws Exception {
        return browser.post("/login", Map.of("username", user, "password", TestApp.USERS.get(user)));
    }

    static void assertRedirectsToConsent(Browser.Page page) {
        assertEquals(303, page.status(), page::toString);
        assertTrue(page.header("Location").startsWith("/sate-login/consent?attempt="), page.header("Location"));
    }

    /** Posts the decision and follows its redirect, as a browser does: the page the customer then sees. */
    Browser.Page decide(Browser.Page consent, String decision) throws Exception {
        return browser.follow(postDecision(consent, decision));
    }

    /** Posts the decision: the answer itself, a 303 to the outcome page. */
    Browser.Page postDecision(Browser.Page consent, String decision) throws Exception {
        return browser.post("/sate-login/consent", Map.of("attempt", consent.formValue("attempt"),
                "csrf", consent.formValue("csrf"), "decision", decision));
    }

    List<SateLoginEvent.Type> eventTypes() {
        return events.stream().map(SateLoginEvent::type).toList();
    }

    Browser.Page allowWith(FakeSate.Fault... faults) throws Exception {
        browser.get("/login?state=" + newState());
        Browser.Page consent = browser.follow(signIn("alice"));
        sate.enqueue(faults);
        return decide(consent, "allow");
    }

    SateLoginEvent awaitEvent(SateLoginEvent.Type type) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            for (SateLoginEvent e : events) {
                if (e.type() == type) {
                    return e;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + type + " event; got " + eventTypes());
    }
}
