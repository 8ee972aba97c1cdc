package com.eusate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.eusate.login.internal.signin.LoginSettings;
import com.eusate.login.internal.signin.StateParam;
import com.eusate.login.signin.SateLoginEvent;
import com.eusate.login.signin.SateLoginStats;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The whole login side: capture, login detection, consent, token, delivery and Sate's answers. */
class SateLoginFlowTest extends LoginFlowFixture {

    // ---- the happy paths ----------------------------------------------------------------------

    @Test
    void loginThatRedirectsLeadsToConsentAndAllowDeliversAVerifiableTokenToSate() throws Exception {
        startApp();
        String state = newState();

        Browser.Page loginPage = browser.get("/login?state=" + state);
        assertEquals(200, loginPage.status());
        assertTrue(loginPage.body().contains("Sign in"), "the app's own login page is served");
        String cookie = loginPage.setCookies().stream().filter(c -> c.startsWith("sate_login=")).findFirst().orElseThrow();
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"), cookie);
        assertFalse(cookie.contains(state), "the cookie carries the state encoded and signed, not as plain text");

        Browser.Page afterLogin = signIn("alice");
        assertRedirectsToConsent(afterLogin);
        assertNotNull(afterLogin.header("Set-Cookie"), "the app's renewed session cookie still reaches the browser");

        Browser.Page consent = browser.follow(afterLogin);
        assertEquals(200, consent.status());
        assertTrue(consent.body().contains("Acme Shop") && consent.body().contains("alice"), consent.body());
        assertEquals("no-store", consent.header("Cache-Control"));
        assertEquals("DENY", consent.header("X-Frame-Options"));
        assertTrue(consent.header("Content-Security-Policy").contains("frame-ancestors 'none'"));
        assertTrue(sate.accepted().isEmpty(), "nothing is sent before the customer allows it");

        long before = clock.instant().getEpochSecond();
        Browser.Page done = decide(consent, "allow");
        assertEquals(200, done.status());
        assertTrue(done.body().contains(CONNECTED), done.body());

        assertEquals(1, sate.accepted().size());
        FakeSate.Received received = sate.accepted().get(0);
        assertEquals(state, received.state());
        assertEquals("Bearer " + API_KEY, received.headers().get("Authorization"));
        assertTrue(received.headers().get("Content-Type").startsWith("application/json"));

        DecodedJWT jwt = JWT.require(Algorithm.HMAC256(SECRET))
                .withIssuer(LoginSettings.ISSUER.defaultValue())
                .withAudience(LoginSettings.AUDIENCE.defaultValue())
                .withSubject("alice")
                .build()
                .verify(received.authToken());
        assertEquals("HS256", jwt.getAlgorithm());
        assertNotNull(jwt.getKeyId());
        assertNotNull(jwt.getId());
        assertEquals(received.expiresAtSeconds(), jwt.getExpiresAtAsInstant().getEpochSecond(),
                "auth_token_expires_at_seconds equals the token's exp");
        assertEquals(before + 3600, received.expiresAtSeconds(), "default token-ttl is one hour");
        assertEquals(before, jwt.getIssuedAtAsInstant().getEpochSecond());
        assertEquals(List.of(SateLoginEvent.Type.STATE_CAPTURED, SateLoginEvent.Type.CONSENT_SHOWN,
                SateLoginEvent.Type.ALLOWED, SateLoginEvent.Type.DELIVERED), eventTypes());
    }

    @Test
    void loginThatRendersThePageDirectlyAlsoLeadsToConsent() throws Exception {
        startApp(TestApp.Login.RENDER, b -> b);
        String state = newState();
        browser.get("/login?state=" + state);

        Browser.Page afterLogin = signIn("bob");

        assertRedirectsToConsent(afterLogin);
        assertFalse(afterLogin.body().contains("Account of"), "the app's rendered page was replaced");
        Browser.Page done = decide(browser.follow(afterLogin), "allow");
        assertTrue(done.body().contains(CONNECTED));
        assertEquals(state, sate.accepted().get(0).state());
    }

    @Test
    void loginThatRedirectsWithServlet61sStatusRedirectIsAnsweredWithConsentInTheSameRequest() throws Exception {
        startApp(TestApp.Login.SEE_OTHER, b -> b);
        String state = newState();
        browser.get("/login?state=" + state);

        Browser.Page afterLogin = signIn("alice");

        assertRedirectsToConsent(afterLogin);
        Browser.Page done = decide(browser.follow(afterLogin), "allow");
        assertTrue(done.body().contains(CONNECTED));
        assertEquals(state, sate.accepted().get(0).state());
    }

    @Test
    void stateSurvivesTheAppInvalidatingItsSessionAtLogin() throws Exception {
        startApp();
        browser.get("/account"); // an anonymous session exists before the login ...
        browser.get("/login");
        String sessionBefore = browser.cookies.get("JSESSIONID");
        String state = newState();
        browser.get("/login?state=" + state);

        Browser.Page afterLogin = signIn("alice"); // ... and the app invalidates it and starts a new one

        assertRedirectsToConsent(afterLogin);
        assertFalse(browser.cookies.get("JSESSIONID").equals(sessionBefore), "the app did renew its session");
        decide(browser.follow(afterLogin), "allow");
        assertEquals(state, sate.accepted().get(0).state());
    }

    @Test
    void customerAlreadySignedInGoesStraightToConsent() throws Exception {
        startApp();
        browser.follow(signIn("alice"));
        String state = newState();

        Browser.Page link = browser.get("/login?state=" + state);

        assertRedirectsToConsent(link);
        decide(browser.follow(link), "allow");
        assertEquals("alice", JWT.decode(sate.accepted().get(0).authToken()).getSubject());
    }

    @Test
    void withConsentOffACustomerAlreadySignedInWhoIsSentALinkIsStillAskedAndNothingIsSentBeforeAllow() throws Exception {
        // where consent=false applies at all (the __Host- cookie), signing in after the link is the
        // consent; a page of the attacker's can send a signed-in customer to /login?state=his own
        startApp(TestApp.Login.REDIRECT, b -> b.consent(false).cookieSecure("always"));
        browser.follow(signIn("alice"));

        Browser.Page link = browser.get("/login?state=" + newState());

        assertRedirectsToConsent(link);
        assertEquals(0, sate.requestCount(), "nothing is sent before she decides");
        Browser.Page done = decide(browser.follow(link), "allow");
        assertTrue(done.body().contains(CONNECTED), done.body());
        assertEquals(1, sate.requestCount());
    }

    @Test
    void appThatSignalsTheLoginExplicitlyIsDetected() throws Exception {
        startApp(TestApp.Login.EXPLICIT, b -> b.subject("principal"));
        String state = newState();
        browser.get("/login?state=" + state);

        Browser.Page afterLogin = signIn("bob");

        assertRedirectsToConsent(afterLogin);
        Browser.Page done = decide(browser.follow(afterLogin), "allow");
        assertTrue(done.body().contains(CONNECTED));
        assertEquals("bob", JWT.decode(sate.accepted().get(0).authToken()).getSubject());
    }

    @Test
    void withoutAStateTheLoginIsUntouchedAndNothingIsSent() throws Exception {
        startApp();
        Browser.Page loginPage = browser.get("/login");
        assertTrue(loginPage.setCookies().stream().noneMatch(c -> c.startsWith("sate_login")));

        Browser.Page afterLogin = signIn("alice");

        assertEquals(302, afterLogin.status());
        assertTrue(afterLogin.header("Location").endsWith("/account"));
        assertTrue(browser.follow(afterLogin).body().contains("Account of alice"));
        assertEquals(0, sate.requestCount());
        assertTrue(events.isEmpty());
    }

    @Test
    void aNewerLinkReplacesTheOlderOneInTheBrowsersOneCookieSoOnlyTheNewerIsDelivered() throws Exception {
        startApp();
        String older = newState();
        String own = newState();
        browser.get("/login?state=" + older); // opened and left
        clock.advance(Duration.ofSeconds(1));
        browser.get("/login?state=" + own);
        assertEquals(List.of("sate_login"), browser.cookies.keySet().stream().filter(n -> n.startsWith("sate_login")).toList());

        Browser.Page done = decide(browser.follow(signIn("alice")), "allow");
        Browser.Page next = browser.get("/account");

        assertTrue(done.body().contains(CONNECTED), done.body());
        assertEquals(200, next.status(), "no second consent page after the decision");
        assertTrue(next.body().contains("Account of alice"), next.body());
        assertEquals(List.of(own), sate.accepted().stream().map(FakeSate.Received::state).toList());
    }

    @Test
    void anAttemptTossedInBesideTheCustomersOwnIsNeverOfferedAndNeitherIsUsedWhileItCouldBeValid() throws Exception {
        startApp();
        // the attacker opens his own Sate link on the app and keeps the signed cookie it gets him
        Browser attacker = new Browser(app.baseUrl());
        attacker.get("/login?state=" + newState());
        String plantedValue = attacker.cookies.get("sate_login");
        assertNotNull(plantedValue);
        // ...and sets it for the app's host from a sibling subdomain (Domain=) or an http page of the host:
        // the customer's browser then holds two sate_login cookies, which the app cannot tell apart
        browser.tossedIn.add("sate_login=" + plantedValue);
        clock.advance(Duration.ofSeconds(1));
        browser.get("/login?state=" + newState()); // her own link, newer than the planted one

        Browser.Page afterLogin = signIn("alice");
        Browser.Page page = browser.follow(afterLogin);

        assertEquals(200, page.status());
        assertTrue(page.body().contains("Account of alice"), "the app's own page, no consent page: " + page.body());
        assertEquals("void", browser.cookies.get("sate_login"), "her cookie now marks the browser as ambiguous");
        assertTrue(logs.ours().stream().anyMatch(l -> l.contains("Ignored 2 Sate login cookies named sate_login")),
                logs.ours()::toString);
        // on later pages, the planted attempt alone (beside the marker) is still not offered
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMinutes(3));
            Browser.Page later = browser.get("/account");
            assertTrue(later.body().contains("Account of alice"), later.body());
        }
        assertEquals(0, sate.requestCount(), "nothing was sent to Sate, for either state");
        assertEquals(0, filter.stats().consentShown(), "no consent page was ever shown");
    }

    @Test
    void withConsentOffAnAttemptTossedIntoABrowserHoldingNoneOfOursIsShownOnTheConsentPageAndNotSent() throws Exception {
        startApp(TestApp.Login.REDIRECT, b -> b.consent(false)); // plain http: the cookie cannot be __Host-
        Browser attacker = new Browser(app.baseUrl());
        attacker.get("/login?state=" + newState());
        browser.tossedIn.add("sate_login=" + attacker.cookies.get("sate_login"));

        // she never opened a Sate link: she signs in to the app as on any other day
        Browser.Page afterLogin = signIn("alice");

        assertRedirectsToConsent(afterLogin);
        Browser.Page consent = browser.follow(afterLogin);
        assertTrue(consent.body().contains("value=\"deny\""), consent.body());
        assertEquals(0, sate.requestCount(), "nothing is sent before she decides");
        assertTrue(logs.ours().stream().anyMatch(l -> l.contains("consent=false applies only to requests the container"
                + " sees as https")), logs.ours()::toString);
    }

    // ---- states that must be dropped ------------------------------------------------------------

    @Test
    void aStateLongPastItsExpiryIsDroppedAndTheLoginWorksAsUsual() throws Exception {
        startApp();
        browser.get("/login?state=" + newState());
        clock.advance(LoginSettings.STATE_TTL.defaultValue().plusHours(1).plusSeconds(1)); // past the grace too

        Browser.Page afterLogin = signIn("alice");

        assertEquals(302, afterLogin.status());
        assertTrue(browser.follow(afterLogin).body().contains("Account of alice"));
        assertEquals(0, sate.requestCount());
        assertTrue(logs.ours().stream().anyMatch(l -> l.contains("expired")), logs.ours()::toString);
    }

    @Test
    void tamperedStateCookieIsDroppedAndTheLoginWorksAsUsual() throws Exception {
        startApp();
        browser.get("/login?state=" + newState());
        String name = "sate_login";
        String[] parts = browser.cookies.get(name).split("\\.", -1);
        parts[1] = String.valueOf(Long.parseLong(parts[1]) + 86_400_000); // a day longer to live
        browser.cookies.put(name, String.join(".", parts));

        Browser.Page afterLogin = signIn("alice");

        assertEquals(302, afterLogin.status());
        assertEquals(0, sate.requestCount());
        assertTrue(afterLogin.setCookies().stream().anyMatch(c -> c.startsWith(name + "=;") && c.contains("Max-Age=0")),
                "the bad cookie is removed from the browser");
        assertTrue(logs.ours().stream().anyMatch(l -> l.contains("signature does not verify")));
    }

    @Test
    void malformedDuplicatedAndOversizedStatesAreIgnoredAndTheLoginPageStillWorks() throws Exception {
        startApp();
        String[] queries = {
            "state=",
            "state=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            "state=a%20b",
            "state=abc;def",
            "state=abc&state=def",
            "state=%E0%A4",
            "state=abc%00def",
            "state=abc%0D%0ASet-Cookie:x=y",
            "state=%E2%80%AEabc",
            "state=" + "x".repeat(StateParam.MAX_LENGTH + 1),
            "state=%C3%A9t%C3%A9",
        };
        for (String query : queries) {
            Browser.Page page = browser.get("/login?" + query);
            assertEquals(200, page.status(), query);
            assertTrue(page.body().contains("Sign in"), query);
            assertTrue(page.setCookies().stream().noneMatch(c -> c.startsWith("sate_login")), query);
        }
        assertEquals(302, signIn("alice").status());
        assertEquals(0, sate.requestCount());
        assertEquals(queries.length, events.stream().filter(e -> e.type() == SateLoginEvent.Type.STATE_REJECTED).count());
        assertTrue(logs.ours().stream().noneMatch(l -> l.contains("<script>") || l.contains("abc;def")));
    }

    @Test
    void longestAllowedStateWithEveryPermittedCharacterIsPassedBackByteForByte() throws Exception {
        startApp();
        StringBuilder chars = new StringBuilder();
        for (char c = 0x21; c <= 0x7e; c++) {
            if ("\"'<>\\;,".indexOf(c) < 0) {
                chars.append(c);
            }
        }
        String state = (chars.toString().repeat(6)).substring(0, StateParam.MAX_LENGTH);
        statesUsed.add(state);
        String encoded = java.net.URLEncoder.encode(state, java.nio.charset.StandardCharsets.UTF_8);

        browser.get("/login?state=" + encoded);
        decide(browser.follow(signIn("alice")), "allow");

        assertEquals(state, sate.accepted().get(0).state());
    }

    // ---- consent ------------------------------------------------------------------------------

    @Test
    void denySendsNothingAndTheAppsPagesAreTheAppsAgain() throws Exception {
        startApp();
        browser.get("/login?state=" + newState());
        Browser.Page consent = browser.follow(signIn("alice"));

        Browser.Page done = decide(consent, "deny");

        assertTrue(done.body().contains(DENIED), done.body());
        assertEquals(0, sate.requestCount());
        assertTrue(browser.follow(browser.get("/account")).body().contains("Account of alice"));
        assertEquals(SateLoginEvent.Type.DENIED, eventTypes().get(eventTypes().size() - 1));
    }

    @Test
    void consentWithAMissingOrWrongCsrfTokenIsRefusedAndSendsNothing() throws Exception {
        startApp();
        browser.get("/login?state=" + newState());
        Browser.Page consent = browser.follow(signIn("alice"));
        String attempt = consent.formValue("attempt");

        Browser.Page missing = browser.post("/sate-login/consent", Map.of("attempt", attempt, "decision", "allow"));
        String csrf = consent.formValue("csrf");
        String wrong = (csrf.charAt(0) == 'A' ? "B" : "A") + csrf.substring(1);
        Browser.Page forged = browser.post("/sate-login/consent",
                Map.of("attempt", attempt, "csrf", wrong, "decision", "allow"));

        assertEquals(403, missing.status());
        assertEquals(403, forged.status());
        assertEquals(0, sate.requestCount());
        assertTrue(decide(consent, "allow").body().contains(CONNECTED), "the real form still works");
    }

    @Test
    void aConsentFormPostedAgainWithTheUsedCookieShowsTheSameOutcomeAndSendsNothingMore() throws Exception {
        startApp();
        browser.get("/login?state=" + newState());
        Browser.Page consent = browser.follow(signIn("alice"));
        Map<String, String> savedCookies = Map.copyOf(browser.cookies);
        decide(consent, "allow");

        browser.cookies.putAll(savedCookies); // even with the used cookie put back
        Browser.Page replay = decide(consent, "allow");

        assertEquals(1, sate.accepted().size());
        java.util.regex.Matcher outcome = java.util.regex.Pattern.compile("data-outcome=\"([a-z_]+)\"").matcher(replay.body());
        assertTrue(outcome.find(), replay.body());
        assertEquals("connected", outcome.group(1), "the first decision's outcome, shown again");
        assertEquals(1, events.stream().filter(e -> e.type() == SateLoginEvent.Type.DELIVERED).count());
    }

    @Test
    void consentOffWhereTheCookieIsHostPrefixedDeliversRightAfterLoginAndShowsTheOutcome() throws Exception {
        startApp(TestApp.Login.REDIRECT, b -> b.consent(false).cookieSecure("always"));
        String state = newState();
        browser.get("/login?state=" + state);

        Browser.Page afterLogin = signIn("alice");

        assertEquals(303, afterLogin.status());
        assertTrue(afterLogin.header("Location").startsWith("/sate-login/outcome?"), afterLogin.header("Location"));
        Browser.Page outcome = browser.follow(afterLogin);
        assertTrue(outcome.body().contains(CONNECTED), outcome.body());
        assertEquals(state, sate.accepted().get(0).state());
    }

    @Test
    void doneUrlReceivesTheCustomerWithTheOutcome() throws Exception {
        startApp(TestApp.Login.REDIRECT, b -> b.doneUrl(java.net.URI.create("/account?from=sate")));
        browser.get("/login?state=" + newState());

        Browser.Page done = postDecision(browser.follow(signIn("alice")), "allow");

        assertEquals(303, done.status());
        assertEquals("/account?from=sate&sate_login=connected", done.header("Location"));
    }

    // ---- Sate's answers -----------------------------------------------------------------------

    @Test
    void sateAnswering400IsFinalAndTheCustomerIsToldItFailed() throws Exception {
        startApp();
        Browser.Page done = allowWith(new FakeSate.Status(400, Map.of(), "{\"detail\": \"Invalid state\"}"));

        assertTrue(done.body().contains(FAILED), done.body());
        assertEquals(1, sate.requestCount(), "a 400 is not retried");
        assertTrue(logs.ours().stream().anyMatch(l -> l.contains("HTTP 400: Invalid state")), logs.ours()::toString);
    }

    @Test
    void sateAnswering403IsFinalAndLoggedAsABadApiKey() throws Exception {
        startApp(TestApp.Login.REDIRECT, b -> b.apiKey("sk_wrong_" + UUID.randomUUID()));

        Browser.Page done = allowWith();

        assertTrue(done.body().contains(FAILED));
        assertEquals(1, sate.requestCount(), "a 403 is not retried");
        assertEquals(List.of("403 Invalid API key"), sate.rejections());
        assertTrue(logs.ours().stream().anyMatch(l -> l.contains("SEVERE") && l.contains("api-key")), logs.ours()::toString);
        assertEquals(SateLoginEvent.Failure.BAD_API_KEY, events.get(events.size() - 1).failure());
    }

    @Test
    void sateEchoingTheStateInItsErrorDetailDoesNotLeakItIntoTheLogs() throws Exception {
        startApp();
        String state = newState();
        browser.get("/login?state=" + state);
        Browser.Page consent = browser.follow(signIn("alice"));
        sate.enqueue(new FakeSate.Status(400, Map.of(), "{\"detail\": \"Unknown state " + state + "\"}"));

        decide(consent, "allow");

        assertTrue(logs.ours().stream().anyMatch(l -> l.contains("Unknown state [redacted]")), logs.ours()::toString);
    }

    @Test
    void sateEchoingTheApiKeyInItsErrorDetailDoesNotLeakItIntoTheLogs() throws Exception {
        startApp();
        browser.get("/login?state=" + newState());
        Browser.Page consent = browser.follow(signIn("alice"));
        sate.enqueue(new FakeSate.Status(403, Map.of(), "{\"detail\": \"Invalid API key " + API_KEY + "\"}"));

        decide(consent, "allow");

        assertTrue(logs.ours().stream().anyMatch(l -> l.contains("Invalid API key [redacted]")), logs.ours()::toString);
    }

    @Test
    void sateAnswering429IsRetriedAfterItsRetryAfter() throws Exception {
        startApp();
        long start = System.nanoTime();
        Browser.Page done = allowWith(new FakeSate.Status(429, Map.of("Retry-After", "1"), "{\"detail\": \"slow down\"}"));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertTrue(done.body().contains(CONNECTED), done.body());
        assertEquals(2, sate.requestCount());
        assertTrue(elapsedMs >= 1000, "waited for Retry-After: " + elapsedMs + " ms");
        assertTrue(eventTypes().contains(SateLoginEvent.Type.RETRIED));
    }

    @Test
    void sateAnswering500IsRetriedWithBackoff() throws Exception {
        startApp();
        Browser.Page done = allowWith(new FakeSate.Status(500, Map.of(), null), new FakeSate.Status(503, Map.of(), null));

        assertTrue(done.body().contains(CONNECTED));
        assertEquals(3, sate.requestCount());
        assertEquals(3, events.stream().filter(e -> e.type() == SateLoginEvent.Type.DELIVERED)
                .findFirst().orElseThrow().attempt());
    }

    @Test
    void aResetConnectionIsRetried() throws Exception {
        startApp();
        Browser.Page done = allowWith(new FakeSate.Reset());

        assertTrue(done.body().contains(CONNECTED), done.body());
        assertEquals(2, sate.requestCount());
        assertEquals(1, sate.accepted().size());
    }

    @Test
    void aSlowAnswerPastTheCallbackTimeoutIsFinishedInTheBackgroundWhileTheCustomerMovesOn() throws Exception {
        startApp(TestApp.Login.REDIRECT, b -> b.callbackTimeout(Duration.ofMillis(800)).deliveryDeadline(Duration.ofSeconds(20)));
        long start = System.nanoTime();
        Browser.Page done = allowWith(new FakeSate.Delay(3_000));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertTrue(done.body().contains("data-outcome=\"deferred\""), done.body());
        assertTrue(elapsedMs < 2_500, "the customer waited " + elapsedMs + " ms");
        awaitEvent(SateLoginEvent.Type.DELIVERED);
        assertEquals(1, sate.accepted().size(), "the background retry was accepted, once");
        assertTrue(eventTypes().contains(SateLoginEvent.Type.DEFERRED));
    }

    @Test
    void aStalledResponseBodyIsBoundedSoTheCustomerIsNotHeld() throws Exception {
        // the default callback-timeout equals one attempt's timeout: the attempt runs on the fast path
        startApp(TestApp.Login.REDIRECT, b -> b.deliveryDeadline(Duration.ofSeconds(30)));
        long start = System.nanoTime();
        Browser.Page done = allowWith(new FakeSate.StalledBody(9_000));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertTrue(done.body().contains("data-outcome=\"deferred\""), done.body());
        assertTrue(elapsedMs < 7_000, "the customer waited " + elapsedMs + " ms for a body that stalled 9 s");
        awaitEvent(SateLoginEvent.Type.DELIVERED);
        assertEquals(1, sate.accepted().size());
    }

    @Test
    void aRetryThatOutlivesTheCustomersWaitIsFollowedInTheBackgroundNotSentAgain() throws Exception {
        startApp(TestApp.Login.REDIRECT, b -> b.callbackTimeout(Duration.ofSeconds(2)).deliveryDeadline(Duration.ofSeconds(30)));
        long start = System.nanoTime();
        Browser.Page done = allowWith(new FakeSate.Status(503, Map.of(), null), new FakeSate.Delay(3_000));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertTrue(done.body().contains("data-outcome=\"deferred\""), done.body());
        assertTrue(elapsedMs < 3_000, "the customer waited " + elapsedMs + " ms");
        awaitEvent(SateLoginEvent.Type.DELIVERED);
        assertEquals(2, sate.requestCount(), "the slow second attempt was waited for, not repeated");
        assertTrue(sate.rejections().isEmpty(), sate.rejections()::toString);
    }

    @Test
    void aDeliveryThatCannotFinishBeforeItsDeadlineIsReportedAsFailed() throws Exception {
        startApp(TestApp.Login.REDIRECT, b -> b.callbackTimeout(Duration.ofMillis(300)).deliveryDeadline(Duration.ofMillis(1500)));
        FakeSate.Status down = new FakeSate.Status(503, Map.of(), null);
        Browser.Page done = allowWith(down, down, down, down, down, down, down, down, down, down, down, down,
                down, down, down, down, down, down, down, down, down, down, down, down, down, down, down, down);

        assertTrue(done.body().contains("data-outcome=\"deferred\"") || done.body().contains(FAILED), done.body());
        SateLoginEvent failed = awaitEvent(SateLoginEvent.Type.FAILED);
        assertEquals(SateLoginEvent.Failure.NOT_DELIVERED, failed.failure());
        assertTrue(sate.accepted().isEmpty());
        assertTrue(logs.ours().stream().anyMatch(l -> l.contains("Could not deliver the token for state #")));
    }

    @Test
    void destroyReportsDeliveriesStillRetryingInTheBackground() throws Exception {
        startApp(TestApp.Login.REDIRECT, b -> b.callbackTimeout(Duration.ofMillis(200)).deliveryDeadline(Duration.ofMinutes(1)));
        FakeSate.Status slowDown = new FakeSate.Status(429, Map.of("Retry-After", "30"), null);
        Browser.Page done = allowWith(slowDown, slowDown);
        assertTrue(done.body().contains("data-outcome=\"deferred\""), done.body());

        long start = System.nanoTime();
        app.close(); // destroy(): the waiting retry gets one last try within the grace period
        app = null;

        assertTrue((System.nanoTime() - start) / 1_000_000 < 8_000);
        SateLoginEvent failed = awaitEvent(SateLoginEvent.Type.FAILED);
        assertTrue(failed.detail().contains("shutdown"), failed.detail());
    }

    @Test
    void aBadApiKeyIsReportedLoudlyOncePerBurstAndCountedEveryTime() throws Exception {
        startApp(TestApp.Login.REDIRECT, b -> b.apiKey("sk_wrong_" + UUID.randomUUID()));
        for (int i = 0; i < 3; i++) {
            browser = new Browser(app.baseUrl());
            assertTrue(allowWith().body().contains(FAILED));
        }

        assertEquals(1, logs.ours().stream().filter(l -> l.contains("Sate refused the API key")).count(),
                logs.ours()::toString);
        SateLoginStats stats = filter.stats();
        assertEquals(3, stats.badApiKey());
        assertEquals(3, stats.failed());
        assertEquals(0, stats.delivered());
    }

    @Test
    void withNoRoomInTheBackgroundADeliveryThatNeedsItFailsAtOnce() throws Exception {
        startApp(TestApp.Login.REDIRECT, b -> b.callbackTimeout(Duration.ofMillis(300)).maxBackgroundDeliveries(0));
        FakeSate.Status busy = new FakeSate.Status(429, Map.of("Retry-After", "5"), null);

        Browser.Page done = allowWith(busy);

        assertTrue(done.body().contains(FAILED), done.body());
        SateLoginEvent failed = awaitEvent(SateLoginEvent.Type.FAILED);
        assertTrue(failed.detail().contains("0 deliveries already retrying in the background"), failed.detail());
        assertEquals(0, filter.stats().inBackground());
    }

    @Test
    void statsCountEachStepOfTheFlow() throws Exception {
        startApp();
        allowWith();
        SateLoginStats stats = filter.stats();
        assertEquals(1, stats.captured());
        assertEquals(1, stats.consentShown());
        assertEquals(1, stats.allowed());
        assertEquals(1, stats.delivered());
        assertEquals(0, stats.failed());
    }

    @Test
    void aRedirectFromSateIsNotFollowed() throws Exception {
        startApp();
        Browser.Page done = allowWith(new FakeSate.Status(302,
                Map.of("Location", sate.baseUrl() + "/elsewhere/"), null));

        assertTrue(done.body().contains(FAILED));
        assertEquals(1, sate.requestCount(), "the redirect target was never requested");
        assertTrue(logs.ours().stream().anyMatch(l -> l.contains("redirect")));
    }

    @Test
    void customIssuerAudienceAndExtraClaimsAreInTheTokenSateReceives() throws Exception {
        startApp(TestApp.Login.REDIRECT, b -> b.issuer("acme-login").audience("acme-functions")
                .claims(subject -> Map.of("tier", "gold")));

        allowWith();

        DecodedJWT jwt = JWT.decode(sate.accepted().get(0).authToken());
        assertEquals("acme-login", jwt.getIssuer());
        assertEquals(List.of("acme-functions"), jwt.getAudience());
        assertEquals("gold", jwt.getClaim("tier").asString());
        assertEquals("alice", jwt.getSubject());
    }

    @Test
    void theAppsOwnTokenIssuerMakesTheTokenAndExpirySateReceives() throws Exception {
        java.time.Instant expiry = clock.instant().plusSeconds(900).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String appToken = "app-token-" + UUID.randomUUID();
        startApp(TestApp.Login.REDIRECT, b -> b.tokenIssuer(subject ->
                new com.eusate.login.signin.IssuedToken(appToken + "-" + subject, expiry)));

        allowWith();

        assertEquals(appToken + "-alice", sate.accepted().get(0).authToken());
        assertEquals(expiry.getEpochSecond(), sate.accepted().get(0).expiresAtSeconds());
    }

    @Test
    void aLinkageErrorWhileIssuingEndsAsAFailedEventAndAnErrorLineNotA500() throws Exception {
        // what a consumer's build with jackson-core 2.15 beside jackson-databind 2.21 threw from java-jwt
        startApp(TestApp.Login.REDIRECT, b -> b.tokenIssuer(subject -> {
            throw new NoSuchMethodError("'void com.fasterxml.jackson.core.util.BufferRecycler.releaseToPool()'");
        }));

        Browser.Page done = allowWith();

        assertEquals(200, done.status(), done::toString);
        assertTrue(done.body().contains(FAILED), done.body());
        SateLoginEvent failed = awaitEvent(SateLoginEvent.Type.FAILED);
        assertEquals(SateLoginEvent.Failure.TOKEN_NOT_ISSUED, failed.failure());
        assertTrue(logs.ours().stream().anyMatch(l -> l.contains("SEVERE") && l.contains("conflicting library versions")
                && l.contains("BufferRecycler.releaseToPool") && l.contains("mvn dependency:tree")),
                () -> String.join("\n", logs.lines()));
        assertEquals(0, sate.requestCount(), "nothing was sent to Sate");
    }
}
