package com.eusate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eusate.login.internal.signin.AttemptCookie;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the customer meets around the decision, over real HTTP against the Sate stand-in: the decision
 * redirects to an outcome page that a reload shows again and that never sends anything again; a link
 * that expired before the login says so; the consent page says how long ago the link was opened, never
 * a clock time; and a customer signed in with the wrong account can sign out from it.
 */
class OutcomePagesTest extends LoginFlowFixture {

    private static final Pattern CLOCK_TIME = Pattern.compile("\\d{1,2}:\\d{2}");

    private Browser.Page consentForAlice() throws Exception {
        browser.get("/login?state=" + newState());
        return browser.follow(signIn("alice"));
    }

    // ---- Post/Redirect/Get ---------------------------------------------------------------------

    @Test
    void theDecisionAnswers303ToAnOutcomePageThatAReloadShowsAgainWithoutSendingAnythingAgain() throws Exception {
        startApp();
        String state = newState();
        browser.get("/login?state=" + state);
        Browser.Page consent = browser.follow(signIn("alice"));

        Browser.Page answer = postDecision(consent, "allow");

        assertEquals(303, answer.status(), answer::toString);
        String outcomeUrl = answer.header("Location");
        assertTrue(outcomeUrl.startsWith("/sate-login/outcome?"), outcomeUrl);
        String token = sate.accepted().get(0).authToken();
        for (String secret : List.of(state, token, API_KEY, SECRET)) {
            assertFalse(outcomeUrl.contains(secret), "the outcome URL carries a state, token or key: " + outcomeUrl);
        }
        Browser.Page first = browser.get(outcomeUrl);
        Browser.Page reload = browser.get(outcomeUrl);
        assertEquals(200, first.status());
        assertTrue(first.body().contains(CONNECTED), first.body());
        assertEquals(first.body(), reload.body(), "a reload shows the same page");
        assertEquals("no-store", reload.header("Cache-Control"));
        assertEquals(1, sate.requestCount(), "Sate received exactly one callback");
        assertEquals(1, sate.accepted().size());
    }

    @Test
    void theOutcomePageShowsOnlyInTheBrowserThatDecidedAndCannotBeDressedUpAsAnotherOutcome() throws Exception {
        startApp();
        String outcomeUrl = postDecision(consentForAlice(), "deny").header("Location");
        assertTrue(outcomeUrl.contains("outcome=denied"), outcomeUrl);

        Browser.Page elsewhere = new Browser(app.baseUrl()).get(outcomeUrl);
        Browser.Page dressedUp = browser.get(outcomeUrl.replace("outcome=denied", "outcome=connected"));
        Browser.Page posted = browser.post(outcomeUrl, Map.of());

        assertTrue(elsewhere.body().contains("data-outcome=\"expired\""), elsewhere.body());
        assertTrue(dressedUp.body().contains("data-outcome=\"expired\""), dressedUp.body());
        assertEquals(405, posted.status());
        assertTrue(browser.get(outcomeUrl).body().contains(DENIED), "the real one still shows");
        assertEquals(0, sate.requestCount());
    }

    @Test
    void withConsentOffTheLoginRedirectsToTheOutcomePageWhichAReloadShowsAgain() throws Exception {
        startApp(TestApp.Login.REDIRECT, b -> b.consent(false).cookieSecure("always"));
        browser.get("/login?state=" + newState());

        Browser.Page afterLogin = signIn("alice");

        assertEquals(303, afterLogin.status());
        Browser.Page outcome = browser.follow(afterLogin);
        assertTrue(outcome.body().contains(CONNECTED), outcome.body());
        assertEquals(outcome.body(), browser.get(outcome.uri().toString()).body());
        assertEquals(1, sate.requestCount());
    }

    // ---- an expired link says so -----------------------------------------------------------------

    @Test
    void aLinkThatExpiredBeforeTheLoginSaysSoOnTheFirstPageAfterItLogsOneLineAndSendsNothing() throws Exception {
        startApp(TestApp.Login.REDIRECT, b -> b.stateTtl(Duration.ofMinutes(1)));
        Browser.Page loginPage = browser.get("/login?state=" + newState());
        String setCookie = loginPage.setCookies().stream().filter(c -> c.startsWith(AttemptCookie.NAME + "="))
                .findFirst().orElseThrow();
        long maxAge = Long.parseLong(setCookie.replaceAll(".*; Max-Age=(\\d+);.*", "$1"));
        assertTrue(maxAge >= 60 + 3600 - 1 && maxAge <= 60 + 3600, "the cookie outlives the 1-minute state by an"
                + " hour: " + setCookie);
        clock.advance(Duration.ofMinutes(2));

        assertTrue(browser.get("/login").body().contains("<form"), "the app's own login page still works");
        Browser.Page afterLogin = browser.follow(signIn("alice"));

        assertTrue(afterLogin.body().contains("data-outcome=\"expired\">This sign-in link has expired</h1>"),
                afterLogin.body());
        assertTrue(afterLogin.body().contains("Ask Sate in your chat for a new sign-in link."), afterLogin.body());
        assertEquals(0, sate.requestCount(), "nothing was delivered");
        List<String> told = logs.ours().stream().filter(l -> l.contains("expired")).toList();
        assertEquals(1, told.size(), told::toString);
        assertTrue(told.get(0).contains("(state-ttl PT1M)"), told.get(0));
        assertFalse(browser.cookies.containsKey(AttemptCookie.NAME), "the attempt is gone");
        assertTrue(browser.get("/account").body().contains("Account of alice"), "the next page is the app's");
        assertEquals(1, logs.ours().stream().filter(l -> l.contains("expired")).count(), "still one line");
    }

    @Test
    void aDecisionPostedAfterTheStateExpiredSendsNothingAndSaysTheLinkExpired() throws Exception {
        startApp(TestApp.Login.REDIRECT, b -> b.stateTtl(Duration.ofMinutes(1)));
        Browser.Page consent = consentForAlice();
        clock.advance(Duration.ofMinutes(2));

        Browser.Page outcome = decide(consent, "allow");

        assertTrue(outcome.body().contains("data-outcome=\"expired\""), outcome.body());
        assertEquals(0, sate.requestCount());
    }

    // ---- relative times ------------------------------------------------------------------------

    @Test
    void theConsentPageSaysHowLongAgoTheLinkWasOpenedInEveryBundledLanguageWithItsPluralFormsAndNoClockTime()
            throws Exception {
        startApp(TestApp.Login.REDIRECT, b -> b.stateTtl(Duration.ofHours(3)));
        Object[][] cases = {
            {"en", 0, "You opened this link from Sate just now."}, {"en", 1, "from Sate 1 minute ago."},
            {"en", 12, "from Sate 12 minutes ago."}, {"en", 125, "from Sate 2 hours ago."},
            {"de", 12, "Sie haben diesen Link vor 12 Minuten aus Sate heraus geöffnet."},
            {"fr", 1, "depuis Sate il y a 1 minute."}, {"es", 60, "desde Sate hace 1 hora."},
            {"pt", 2, "a partir de Sate há 2 minutos."}, {"it", 12, "da Sate 12 minuti fa."},
            {"nl", 0, "U hebt deze link zojuist vanuit Sate geopend."},
            {"pl", 1, "otwarty 1 minutę temu."}, {"pl", 3, "otwarty 3 minuty temu."}, {"pl", 5, "otwarty 5 minut temu."},
            {"pl", 12, "otwarty 12 minut temu."}, {"pl", 22, "otwarty 22 minuty temu."},
            {"pl", 120, "otwarty 2 godziny temu."},
            {"ar", 2, "من Sate منذ دقيقتين."}, {"ar", 3, "من Sate منذ 3 دقائق."}, {"ar", 11, "من Sate منذ 11 دقيقة."},
            {"ar", 60, "من Sate منذ ساعة واحدة."}, {"ar", 120, "من Sate منذ ساعتين."},
            {"ja", 0, "Sate からこのリンクを開いたのはたった今です。"}, {"ja", 12, "開いたのは12 分前です。"},
        };
        for (Object[] c : cases) {
            browser = new Browser(app.baseUrl());
            browser.headers.put("Accept-Language", (String) c[0]);
            browser.get("/login?state=" + newState());
            clock.advance(Duration.ofMinutes((Integer) c[1]));
            Browser.Page consent = browser.follow(signIn("alice"));
            String note = consent.body().replaceAll("(?s).*<p class=\"note\">([^<]*(<bdi>.*?</bdi>)?[^<]*)</p>"
                    + "<p class=\"note\">.*", "$1");
            assertTrue(note.contains((String) c[2]), c[0] + " after " + c[1] + " min: " + note);
            assertFalse(consent.body().contains("UTC") || CLOCK_TIME.matcher(note).find(), c[0] + ": " + note);
        }
    }

    // ---- the wrong account ---------------------------------------------------------------------

    @Test
    void theConsentPageOffersSigningOutAtTheLogoutUrlWhichDropsTheAttempt() throws Exception {
        startApp(TestApp.Login.REDIRECT, b -> b.logoutUrl(URI.create("/logout")));
        Browser.Page consent = consentForAlice();

        assertTrue(consent.body().contains("<p class=\"note switch\">Not <bdi><strong>alice</strong></bdi>?"
                + " <a href=\"/logout\">Sign out</a></p>"), consent.body());
        assertTrue(browser.get("/logout").body().contains("Signed out"));
        assertTrue(browser.get("/login").body().contains("<form"));
        assertFalse(browser.cookies.containsKey(AttemptCookie.NAME), "signing out dropped the attempt");
        Browser.Page bobsLogin = signIn("bob");

        assertEquals(302, bobsLogin.status(), "bob is not asked about alice's attempt");
        assertTrue(browser.follow(bobsLogin).body().contains("Account of bob"));
        assertEquals(0, sate.requestCount());
    }

    @Test
    void withoutALogoutUrlTheConsentPageHasNoSignOutLink() throws Exception {
        startApp();
        assertFalse(consentForAlice().body().contains("Sign out"));
    }
}
