package com.eusate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eusate.login.internal.Hmac;
import com.eusate.login.internal.signin.AttemptCookie;
import com.eusate.login.internal.signin.StateParam;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Attacks on the login side, each against the filter in a real Jetty: hostile states, forged and
 * moved cookies, cross-site consent, framing and HTML injection. The host's login page must keep
 * working throughout, and nothing may reach Sate that the signed-in customer did not allow.
 */
class LoginAttacksTest extends LoginFlowFixture {

    private void assertLoginPageServedWithoutCapture(String query) throws Exception {
        Browser.Page page = browser.get("/login?" + query);
        assertEquals(200, page.status(), query);
        assertTrue(page.body().contains("Sign in"), "the app's own page is served: " + query);
        assertTrue(page.setCookies().stream().noneMatch(c -> c.startsWith(AttemptCookie.NAME + "=")), query);
        for (List<String> values : page.headers().values()) {
            for (String v : values) {
                assertFalse(v.contains("x=y") || v.contains("evil"), "nothing injected into a header: " + v);
            }
        }
    }

    private void assertNothingReachedSateAndLoginStillWorks() throws Exception {
        Browser.Page afterLogin = signIn("alice");
        assertEquals(302, afterLogin.status(), "the app's login runs as if no state had come");
        assertEquals(0, sate.requestCount());
    }

    // ---- hostile states -----------------------------------------------------------------------

    @Test
    void oversizedStateAndOversizedQueryAreIgnored() throws Exception {
        startApp();
        assertLoginPageServedWithoutCapture("state=" + "a".repeat(StateParam.MAX_LENGTH + 1));
        assertLoginPageServedWithoutCapture("pad=" + "b".repeat(7000) + "&state=" + "c".repeat(600));
        assertNothingReachedSateAndLoginStillWorks();
    }

    @Test
    void controlCharactersAndCrlfNeverReachAHeaderOrALogLine() throws Exception {
        startApp();
        for (String state : List.of("abc%0D%0ASet-Cookie:%20x=y", "abc%0Aevil", "abc%00def", "abc%1B%5B31mevil", "abc%09tab")) {
            assertLoginPageServedWithoutCapture("state=" + state);
        }
        assertNothingReachedSateAndLoginStillWorks();
        assertTrue(logs.lines().stream().noneMatch(l -> l.contains("x=y") || l.contains("evil")), logs.lines()::toString);
    }

    @Test
    void nonAsciiAndBidiStatesAreRefused() throws Exception {
        startApp();
        for (String state : List.of("%C3%A9t%C3%A9", "abc%E2%80%AEcba", "%EF%BC%9Cscript", "%C0%BC", "%F0%9F%98%80")) {
            assertLoginPageServedWithoutCapture("state=" + state);
        }
        assertNothingReachedSateAndLoginStillWorks();
    }

    @Test
    void htmlInTheStateIsRefusedAndNeverReflected() throws Exception {
        startApp();
        for (String state : List.of("%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%22onmouseover%3D1", "abc'def", "a%5Cb")) {
            Browser.Page page = browser.get("/login?state=" + state);
            assertFalse(page.body().contains("<script>alert") || page.body().contains("onmouseover"), page.body());
            assertTrue(page.setCookies().stream().noneMatch(c -> c.startsWith(AttemptCookie.NAME + "=")));
        }
        assertNothingReachedSateAndLoginStillWorks();
    }

    @Test
    void aDuplicatedStateParameterIsRefusedWhicheverSpellingIsUsed() throws Exception {
        startApp();
        assertLoginPageServedWithoutCapture("state=one&state=two");
        assertLoginPageServedWithoutCapture("state=one&st%61te=two");
        assertLoginPageServedWithoutCapture("state=one&state");
        assertNothingReachedSateAndLoginStillWorks();
    }

    @Test
    void percentEncodingTricksArePassedOnDecodedOnceAndNeverDecodedTwice() throws Exception {
        startApp();
        String doubleEncoded = "%253Cscript%253E"; // decodes once to %3Cscript%3E: visible ASCII, so a valid state
        statesUsed.add("%3Cscript%3E");
        browser.get("/login?state=" + doubleEncoded);
        decide(browser.follow(signIn("alice")), "allow");
        assertEquals("%3Cscript%3E", sate.accepted().get(0).state(), "passed to Sate byte for byte, decoded once");
    }

    @Test
    void aStateOnAPostIsNeverReadSoTheAppsFormBodyIsUntouched() throws Exception {
        startApp();
        Browser.Page afterLogin = browser.post("/login", Map.of("username", "alice", "password", "wonderland",
                "state", "st_in_the_form_body"));
        assertEquals(302, afterLogin.status(), "the app read its own form fields");
        assertTrue(afterLogin.setCookies().stream().noneMatch(c -> c.startsWith(AttemptCookie.NAME + "=")));
    }

    // ---- cookies ------------------------------------------------------------------------------

    @Test
    void aCookieForgedWithAnotherSecretIsDropped() throws Exception {
        startApp();
        Hmac attackersKey = Hmac.derive("the-attackers-own-secret-of-32-bytes!!".getBytes(StandardCharsets.UTF_8),
                "sate-login/attempt-cookie/v2");
        String name = AttemptCookie.NAME;
        String body = clock.instant().toEpochMilli() + "." + clock.instant().plusSeconds(600).toEpochMilli()
                + ".AAAAAAAAAAAAAAAAAAAAAA.o.."
                + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(newState().getBytes(StandardCharsets.US_ASCII));
        browser.cookies.put(name, body + "." + attackersKey.macBase64(name + "=" + body));

        assertNothingReachedSateAndLoginStillWorks();
        assertTrue(logs.ours().stream().anyMatch(l -> l.contains("signature does not verify")));
    }

    @Test
    void aCookieShownToAliceAndMovedIntoBobsBrowserIsDroppedThereAndAlicesFormIsUseless() throws Exception {
        startApp();
        browser.get("/login?state=" + newState());
        Browser.Page alicesConsent = browser.follow(signIn("alice"));
        String alicesCookie = browser.cookies.get(AttemptCookie.NAME);

        Browser bobs = new Browser(app.baseUrl());
        bobs.follow(bobs.post("/login", Map.of("username", "bob", "password", "builder")));
        bobs.cookies.put(AttemptCookie.NAME, alicesCookie);
        Browser.Page bobsPage = bobs.get("/account");
        assertEquals(200, bobsPage.status(), "bob is not asked about alice's attempt");
        assertTrue(bobsPage.body().contains("Account of bob"), bobsPage.body());
        assertTrue(bobsPage.setCookies().stream().anyMatch(c -> c.startsWith(AttemptCookie.NAME + "=;")),
                "the attempt is dropped from bob's browser: " + bobsPage.setCookies());

        bobs.cookies.put(AttemptCookie.NAME, alicesCookie);
        Browser.Page replayed = bobs.post("/sate-login/consent", Map.of("attempt", alicesConsent.formValue("attempt"),
                "csrf", alicesConsent.formValue("csrf"), "decision", "allow"));
        assertTrue(replayed.body().contains("data-outcome=\"expired\""), "an attempt bound to alice is nobody"
                + " else's: " + replayed.body());
        assertEquals(0, sate.requestCount());
    }

    @Test
    void aCrossSiteConsentPostWithoutTheStateCookieSendsNothing() throws Exception {
        startApp();
        browser.get("/login?state=" + newState());
        Browser.Page consent = browser.follow(signIn("alice"));
        browser.cookies.remove(AttemptCookie.NAME); // SameSite=Lax: not sent cross-site

        Browser.Page forged = decide(consent, "allow");

        assertTrue(forged.body().contains("data-outcome=\"expired\""), forged.body());
        assertEquals(0, sate.requestCount());
    }

    // ---- the consent page ---------------------------------------------------------------------

    @Test
    void theConsentPageCannotBeFramedCachedOrLeakItsUrl() throws Exception {
        startApp();
        browser.get("/login?state=" + newState());
        Browser.Page consent = browser.follow(signIn("alice"));

        assertEquals("DENY", consent.header("X-Frame-Options"));
        assertTrue(consent.header("Content-Security-Policy").contains("frame-ancestors 'none'"));
        assertTrue(consent.header("Content-Security-Policy").contains("default-src 'none'"), "no script can run");
        assertEquals("no-store", consent.header("Cache-Control"));
        assertEquals("no-referrer", consent.header("Referrer-Policy"));
        assertFalse(consent.body().contains("<script"), "the page needs no JavaScript");
    }

    @Test
    void everyValueShownOnTheConsentPageIsEscaped() throws Exception {
        String hostileName = "<img src=x onerror=alert(1)>\"'&";
        startApp(TestApp.Login.REDIRECT, b -> b.appName("Shop " + hostileName)
                .subjectResolver(request -> request.getSession(false) != null
                        && request.getSession(false).getAttribute("user") != null
                        ? Optional.of("alice" + hostileName) : Optional.empty()));
        browser.get("/login?state=" + newState());
        Browser.Page consent = browser.follow(signIn("alice"));

        assertFalse(consent.body().contains("<img"), consent.body());
        assertTrue(consent.body().contains("&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;"), consent.body());
    }

    @Test
    void unknownPathsUnderTheEndpointAreNotFound() throws Exception {
        startApp();
        assertEquals(404, browser.get("/sate-login/anything").status());
    }
}
