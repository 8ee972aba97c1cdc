package com.eusate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.eusate.login.internal.signin.AttemptCookie;
import com.eusate.login.signin.SateLoginConfig;
import com.eusate.login.signin.SateLoginEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * One pending Sate login per browser, tied to the customer who is first asked about it: how it is
 * captured, when it is offered, when it is dropped, and what a hostile or crowded browser can do to
 * it. Each test drives the filter in a real Jetty and checks what Sate received.
 */
class PendingAttemptTest extends LoginFlowFixture {

    private long consentsShown() {
        return events.stream().filter(e -> e.type() == SateLoginEvent.Type.CONSENT_SHOWN).count();
    }

    private List<String> attemptCookiesSet(Browser.Page page) {
        return page.setCookies().stream().filter(c -> c.startsWith(AttemptCookie.NAME) || c.startsWith("__Host-"))
                .toList();
    }

    // ---- bound to the customer ----------------------------------------------------------------

    @Test
    void anAttemptShownToAliceIsDroppedWhenSheSignsOutAndIsNeverOfferedToBob() throws Exception {
        startApp();
        browser.get("/login?state=" + newState());
        browser.follow(signIn("alice")); // alice is asked, and does not answer

        Browser.Page loggedOut = browser.get("/logout");
        assertTrue(loggedOut.body().contains("Signed out"), loggedOut.body());
        Browser.Page afterBobsLogin = signIn("bob");

        assertEquals(302, afterBobsLogin.status(), "bob's login is the app's own");
        assertTrue(browser.follow(afterBobsLogin).body().contains("Account of bob"));
        assertEquals(1, consentsShown(), "bob is never asked about alice's attempt");
        assertEquals(0, sate.requestCount());
        assertFalse(browser.cookies.containsKey(AttemptCookie.NAME), "the attempt is gone from the browser");
        assertTrue(logs.ours().stream().anyMatch(l -> l.contains("Dropped the pending Sate login")), logs.ours()::toString);
    }

    @Test
    void aLoginSignalIsNotUsedOnceTheResolverHasSeenThatCustomerLeave() throws Exception {
        startApp(TestApp.Login.SIGNAL_AND_KEEP_SESSION, b -> b);
        browser.get("/login?state=" + newState());
        browser.follow(signIn("alice")); // loginSucceeded("alice"); the consent page is shown
        browser.get("/logout"); // removes the user, keeps the session (and anything else in it)
        String next = newState();

        Browser.Page link = browser.get("/login?state=" + next);

        assertEquals(200, link.status(), "nobody is signed in, so the app's login page is served");
        assertTrue(link.body().contains("Sign in"), link.body());
        Browser.Page consent = browser.follow(signIn("bob"));
        assertTrue(consent.body().contains("<strong>bob</strong>"), consent.body());
        decide(consent, "allow");
        assertEquals(List.of(next), sate.accepted().stream().map(FakeSate.Received::state).toList());
        assertEquals("bob", JWT.decode(sate.accepted().get(0).authToken()).getSubject());
    }

    @Test
    void anAppThatOnlySignalsItsLoginsNeverOffersAnAttemptToTheNextPersonAfterALogoutThatKeepsTheSession()
            throws Exception {
        // the resolver sees nobody, ever: only loginSucceeded() tells the filter who signed in
        startApp(TestApp.Login.SIGNAL_AND_KEEP_SESSION, b -> b.subject("principal"));
        browser.get("/login?state=" + newState());
        browser.follow(signIn("alice")); // asked, not answered
        browser.get("/logout"); // the session stays, and with it the signal

        Browser.Page login = browser.get("/login");

        assertEquals(200, login.status(), "the next person gets the app's login page, not alice's consent");
        assertTrue(login.body().contains("Sign in"), login.body());
        assertEquals(1, consentsShown());
        assertEquals(0, sate.requestCount());
    }

    @Test
    void anImageTheAppServesOutsideItsAuthenticationDoesNotDropTheAttempt() throws Exception {
        startApp(TestApp.Login.REDIRECT, b -> b.subjectResolver(request -> {
            jakarta.servlet.http.HttpSession session = request.getSession(false);
            boolean outside = request.getRequestURI().startsWith("/favicon"); // as Spring's web.ignoring() does
            return outside || session == null || session.getAttribute("user") == null ? java.util.Optional.empty()
                    : java.util.Optional.of((String) session.getAttribute("user"));
        }));
        browser.get("/login?state=" + newState());
        Browser.Page consent = browser.follow(signIn("alice"));

        Browser.Page icon = browser.get("/favicon.ico",
                Map.of("Sec-Fetch-Mode", "no-cors", "Sec-Fetch-Dest", "image", "Accept", "image/*"));
        Browser.Page done = decide(consent, "allow");

        assertEquals(List.of(), attemptCookiesSet(icon));
        assertTrue(done.body().contains(CONNECTED), done.body());
        assertEquals(1, sate.accepted().size());
    }

    @Test
    void whileAnAttemptIsPendingTheSignedInCustomersOtherPagesAndLogoutAreTheApps() throws Exception {
        startApp();
        browser.get("/login?state=" + newState());
        browser.follow(signIn("alice")); // asked once, not answered yet

        Browser.Page account = browser.get("/account");
        Browser.Page logout = browser.get("/logout");

        assertEquals(200, account.status());
        assertTrue(account.body().contains("Account of alice"), account.body());
        assertEquals(200, logout.status());
        assertTrue(logout.body().contains("Signed out"), logout.body());
        assertEquals(1, consentsShown());
    }

    @Test
    void backOrReloadAfterAllowSaysItWasAlreadyAllowedAndSendsNothingMore() throws Exception {
        startApp();
        browser.get("/login?state=" + newState());
        Browser.Page afterLogin = signIn("alice");
        String consentUrl = afterLogin.header("Location");
        decide(browser.follow(afterLogin), "allow");

        Browser.Page back = browser.get(consentUrl);

        assertTrue(back.body().contains("data-outcome=\"already_allowed\""), back.body());
        assertEquals(1, sate.requestCount());
    }

    @Test
    void theConsentPageSaysHowLongAgoTheLinkWasOpenedAndNoClockTime() throws Exception {
        startApp();
        browser.get("/login?state=" + newState());
        clock.advance(java.time.Duration.ofMinutes(3));

        Browser.Page consent = browser.follow(signIn("alice"));

        assertTrue(consent.body().contains("<p class=\"note\">You opened this link from Sate 3 minutes ago.</p>"),
                consent.body());
        assertFalse(consent.body().contains("UTC"), consent.body());
    }

    // ---- capture --------------------------------------------------------------------------------

    @Test
    void aGetThatIsNotAPageLoadCapturesNothing() throws Exception {
        startApp();
        List<Map<String, String>> notPageLoads = List.of(
                Map.of("Sec-Fetch-Mode", "no-cors", "Sec-Fetch-Dest", "image", "Accept", "image/*"),
                Map.of("Sec-Fetch-Mode", "navigate", "Sec-Fetch-Dest", "iframe", "Accept", "text/html"),
                Map.of("Sec-Fetch-Mode", "cors", "Sec-Fetch-Dest", "empty", "Accept", "text/html"),
                Map.of("Accept", "image/avif,image/webp,*/*"));
        for (Map<String, String> headers : notPageLoads) {
            Browser.Page page = browser.get("/login?state=" + newState(), headers);
            assertEquals(200, page.status(), headers::toString);
            assertEquals(List.of(), attemptCookiesSet(page), headers::toString);
        }
        Browser.Page pageLoad = browser.get("/login?state=" + newState(),
                Map.of("Sec-Fetch-Mode", "navigate", "Sec-Fetch-Dest", "document", "Accept", "*/*"));
        assertEquals(1, attemptCookiesSet(pageLoad).size(), "a real page load still captures");
    }

    @Test
    void aLoginPathWithATrailingSlashCapturesToo() throws Exception {
        startApp();

        Browser.Page page = browser.get("/login/?state=" + newState());

        assertEquals(1, attemptCookiesSet(page).size(), page.setCookies()::toString);
    }

    @Test
    void aRefusedStateIsLoggedWithoutThePathsParameters() throws Exception {
        startApp();

        Browser.Page page = browser.get("/login;jsessionid=SESSION4711?state=%3Cx%3E");

        assertEquals(200, page.status());
        List<String> ignored = logs.ours().stream().filter(l -> l.contains("Ignored a Sate state on")).toList();
        assertEquals(1, ignored.size(), logs.ours()::toString);
        assertTrue(ignored.get(0).contains("Ignored a Sate state on /login:"), ignored.get(0));
        assertFalse(ignored.get(0).contains("SESSION4711") || ignored.get(0).contains("jsessionid"), ignored.get(0));
    }

    // ---- crowded and hostile browsers ------------------------------------------------------------

    @Test
    void twentySimultaneousLoginLinksLeaveOneAttemptAndTheNextRequestIsTheApps() throws Exception {
        startApp();
        List<Callable<Browser.Page>> links = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String state = newState() + "x".repeat(400); // long states, as Sate's may be
            statesUsed.set(statesUsed.size() - 1, state);
            links.add(() -> new Browser(app.baseUrl()).get("/login?state=" + state));
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<String> setCookies = new ArrayList<>();
        try {
            for (Future<Browser.Page> page : pool.invokeAll(links)) {
                setCookies.addAll(page.get().setCookies());
            }
        } finally {
            pool.shutdown();
        }
        for (String setCookie : setCookies) { // the browser keeps every cookie it is given, by name
            String pair = setCookie.split(";", 2)[0];
            browser.cookies.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }

        assertEquals(20, setCookies.size());
        assertEquals(List.of(AttemptCookie.NAME), List.copyOf(browser.cookies.keySet()));
        Browser.Page next = browser.get("/");
        assertEquals(200, next.status());
        assertTrue(next.body().contains("Home"), next.body());
        decide(browser.follow(signIn("alice")), "allow");
        assertEquals(1, sate.accepted().size());
        assertTrue(statesUsed.contains(sate.accepted().get(0).state()));
    }

    @Test
    void asManyMadeUpLoginCookiesAsTheContainerAcceptsGetTheAppsPageAndABoundedLog() throws Exception {
        startApp();
        int n = 0;
        int headerBytes = 0;
        while (headerBytes < 7_400) { // Jetty's default limit is 8 KiB for all request headers
            String name = "sate_login_" + n++;
            String value = "forged." + Long.toHexString(Double.doubleToLongBits(Math.random()));
            browser.cookies.put(name, value);
            headerBytes += name.length() + value.length() + 3;
        }
        browser.cookies.put(AttemptCookie.NAME, "1.2.3.o..AAAA.forged");

        for (int i = 0; i < 300; i++) {
            Map<String, String> sent = Map.copyOf(browser.cookies);
            Browser.Page page = browser.get("/");
            assertEquals(200, page.status(), () -> "request " + page);
            assertTrue(page.body().contains("Home"));
            assertTrue(attemptCookiesSet(page).size() <= 2, page.setCookies()::toString);
            browser.cookies.putAll(sent); // a hostile client sends them all again
        }

        List<String> about = logs.ours().stream().filter(l -> l.contains("Sate login cookie") || l.contains("more lines")).toList();
        // two kinds of refusal here (a name of another version, a malformed sate_login): at most 10 lines a
        // minute each, and one line with the count of those left out
        assertTrue(about.size() >= 2 && about.size() <= 22, about.size() + " lines for " + n + " cookies x 300 requests");
    }

    // ---- configuration ----------------------------------------------------------------------------

    @Test
    void aSubjectSettingThatCannotSeeTheLoginIsReportedAsAWarning() throws Exception {
        startApp(TestApp.Login.REDIRECT, b -> b.subject("session:userId"));
        browser.get("/login?state=" + newState());

        Browser.Page afterLogin = signIn("alice");

        assertEquals(302, afterLogin.status(), "the app's login is untouched");
        assertTrue(logs.ours().stream().anyMatch(l -> l.contains("WARNING")
                        && l.contains("subject [session:userId] finds nobody signed in")), logs.ours()::toString);
    }

    @Test
    void cookieSecureAlwaysMarksTheCookieSecureEvenOverPlainHttp() throws Exception {
        startApp(TestApp.Login.REDIRECT, b -> b.cookieSecure("always"));

        Browser.Page page = browser.get("/login?state=" + newState());

        assertTrue(attemptCookiesSet(page).get(0).contains("; Secure"), page.setCookies()::toString);
    }

    @Test
    void aSecureCookieAtTheRootIsHostPrefixedSoNoSiblingSubdomainOrHttpPageCanTossOneIn() throws Exception {
        startApp(TestApp.Login.REDIRECT, b -> b.cookieSecure("always"));
        Browser attacker = new Browser(app.baseUrl());
        attacker.get("/login?state=" + newState());
        String attackers = attacker.cookies.get("__Host-sate_login");
        assertNotNull(attackers, attacker.cookies::toString);
        // the best a sibling subdomain or an http page can do: a cookie without the prefix, which
        // browsers would refuse to store under the __Host- name
        browser.tossedIn.add("sate_login=" + attackers);
        String own = newState();

        Browser.Page page = browser.get("/login?state=" + own);
        String set = attemptCookiesSet(page).stream().filter(c -> c.startsWith("__Host-")).findFirst().orElseThrow();
        assertTrue(set.startsWith("__Host-sate_login=") && set.contains("; Path=/;") && set.contains("; Secure")
                && !set.contains("Domain"), set);
        Browser.Page done = decide(browser.follow(signIn("alice")), "allow");

        assertTrue(done.body().contains(CONNECTED), done.body());
        assertEquals(List.of(own), sate.accepted().stream().map(FakeSate.Received::state).toList());
    }

    @Test
    void cookieSecureAutoLeavesItOffOverPlainHttpAndAnyOtherValueIsRefused() throws Exception {
        startApp();

        Browser.Page page = browser.get("/login?state=" + newState());

        assertFalse(attemptCookiesSet(page).get(0).contains("Secure"), page.setCookies()::toString);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SateLoginConfig.builder().cookieSecure("yes"));
        assertEquals("cookie-secure must be [auto] or [always], but was [yes]", e.getMessage());
    }
}
