package com.eusate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eusate.login.signin.SateLoginConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The consent and outcome pages as a customer's browser receives them over HTTP from the filter in
 * real Jetty: their language (Accept-Language, the locale setting, the app's own texts), what they
 * say, the app's look (logo, accent colour), the way back to the chat, and the app's templates.
 */
class ConsentPagesTest extends LoginFlowFixture {

    static final List<String> BUNDLED = List.of("en", "de", "fr", "es", "pt", "it", "nl", "pl", "ja", "ar");
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    /** A new chat's link, followed by alice signing in: the consent page, in {@code acceptLanguage}. */
    private Browser.Page consentIn(String acceptLanguage) throws Exception {
        browser = new Browser(app.baseUrl());
        if (acceptLanguage != null) {
            browser.headers.put("Accept-Language", acceptLanguage);
        }
        browser.get("/login?state=" + newState());
        return browser.follow(signIn("alice"));
    }

    private static String title(Browser.Page page) {
        return group(page, "<title>(.*?)</title>");
    }

    private static String heading(Browser.Page page) {
        return group(page, "<h1[^>]*>(.*?)</h1>");
    }

    private static String group(Browser.Page page, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(page.body());
        assertTrue(m.find(), () -> regex + " not in " + page.body());
        return m.group(1);
    }

    @Test
    void everyPageInEveryBundledLanguageHasItsLanguageItsDirectionAndATitleEqualToItsHeading() throws Exception {
        startApp();
        for (String lang : BUNDLED) {
            Browser.Page consent = consentIn(lang);
            Browser.Page connected = decide(consent, "allow");
            Browser.Page denied = decide(consentIn(lang), "deny");
            Browser.Page expired = browser.get("/sate-login/consent?attempt=gone");

            String html = "<html lang=\"" + lang + "\" dir=\"" + (lang.equals("ar") ? "rtl" : "ltr") + "\">";
            for (Browser.Page page : List.of(consent, connected, denied, expired)) {
                assertTrue(page.body().startsWith("<!DOCTYPE html>" + html), () -> lang + ": " + page.body());
                assertEquals(heading(page).replaceAll("<[^>]+>", ""), title(page), lang);
                assertEquals(lang, page.header("Content-Language"));
                assertEquals("Accept-Language", page.header("Vary"));
            }
            assertTrue(connected.body().contains("data-outcome=\"connected\""), connected.body());
            assertTrue(denied.body().contains("data-outcome=\"denied\""), denied.body());
            assertTrue(expired.body().contains("data-outcome=\"expired\""), expired.body());
        }
        assertEquals(BUNDLED.size(), sate.accepted().size());
    }

    @Test
    void theLanguageIsTheFirstOfAcceptLanguageThatIsBundled() throws Exception {
        startApp();

        Browser.Page consent = consentIn("sv-SE, de-CH;q=0.9, en;q=0.5");

        assertTrue(consent.body().startsWith("<!DOCTYPE html><html lang=\"de\" dir=\"ltr\">"), consent.body());
        assertEquals("Sate im Chat für Sie handeln lassen?", title(consent));
        assertTrue(consent.body().contains(">Erlauben</button>") && consent.body().contains(">Ablehnen</button>"),
                consent.body());
    }

    @Test
    void anArabicCustomerGetsRightToLeftPagesInArabic() throws Exception {
        startApp();

        Browser.Page consent = consentIn("ar-EG,ar;q=0.9");
        Browser.Page connected = decide(consent, "allow");

        assertTrue(consent.body().startsWith("<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\">"), consent.body());
        assertTrue(consent.body().contains(">السماح</button>"), consent.body());
        assertTrue(connected.body().startsWith("<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\">"), connected.body());
        assertEquals("تم الاتصال", heading(connected));
    }

    @Test
    void noAcceptLanguageOrAMalformedOneGetsEnglish() throws Exception {
        startApp();

        Browser.Page none = consentIn(null);
        Browser.Page malformed = consentIn("de;q=x,,;;");
        Browser.Page unbundled = consentIn("sv, fi");

        for (Browser.Page page : List.of(none, malformed, unbundled)) {
            assertEquals(200, page.status());
            assertTrue(page.body().startsWith("<!DOCTYPE html><html lang=\"en\" dir=\"ltr\">"), page.body());
            assertEquals("Let Sate act for you in the chat?", title(page));
        }
    }

    @Test
    void theLocaleSettingGivesEveryoneOneLanguageAndTheAnswerDoesNotVary() throws Exception {
        startApp(TestApp.Login.REDIRECT, b -> b.locale(Locale.FRENCH));

        Browser.Page consent = consentIn("de, en");

        assertTrue(consent.body().startsWith("<!DOCTYPE html><html lang=\"fr\" dir=\"ltr\">"), consent.body());
        assertEquals("Laisser Sate agir pour vous dans le chat\u00a0?", title(consent));
        assertNull(consent.header("Vary"));
    }

    @Test
    void theConsentPageNamesTheAppAndTheCustomerAndSaysWhatSateMayDoAndForHowLong() throws Exception {
        startApp(TestApp.Login.REDIRECT, b -> b.tokenTtl(Duration.ofHours(2)));

        String en = consentIn("en").body();
        String de = consentIn("de").body();
        String pl = consentIn("pl").body();

        assertTrue(en.contains("You are signed in to <bdi><strong>Acme Shop</strong></bdi> as <bdi><strong>alice</strong></bdi>."), en);
        assertTrue(en.contains("<li>act for you with your <bdi><strong>Acme Shop</strong></bdi> account while it helps you in"
                + " the chat</li><li>do so for 2 hours; then its access ends</li>"), en);
        assertTrue(de.contains("<li>das für 2 Stunden tun; danach endet der Zugriff</li>"), de);
        assertTrue(pl.contains("<li>robić to przez 2 godziny; potem dostęp wygaśnie</li>"), pl);
        assertEquals(1, count(en, "class=\"btn primary\""), "one primary action");
        assertTrue(en.indexOf("value=\"allow\"") < en.indexOf("value=\"deny\""), "Allow comes first");
    }

    @Test
    void aTokenLifetimeOfDaysIsSaidInDays() throws Exception {
        startApp(TestApp.Login.REDIRECT, b -> b.tokenTtl(Duration.ofDays(30)));

        assertTrue(consentIn("de").body().contains("das für 30 Tage tun"));
        assertTrue(consentIn("ar").body().contains("لمدة 30 يومًا"));
    }

    @Test
    void withAReturnUrlEveryOutcomeLinksBackToTheChatAndWithoutOneItSaysToCloseTheTab() throws Exception {
        startApp(TestApp.Login.REDIRECT, b -> b.returnUrl(URI.create("/chat?from=sate")));
        Browser.Page connected = decide(consentIn("en"), "allow");
        Browser.Page expired = browser.get("/sate-login/consent?attempt=gone");
        app.close();
        startApp();
        Browser.Page denied = decide(consentIn("de"), "deny");

        for (Browser.Page page : List.of(connected, expired)) {
            assertTrue(page.body().contains("<a class=\"btn primary\" href=\"/chat?from=sate\" target=\"sate-chat\">"
                    + "Back to your chat</a>"),
                    page.body());
        }
        assertTrue(denied.body().contains("<p>Sie können diesen Tab schließen und zu Ihrem Chat zurückkehren.</p>"),
                denied.body());
        assertFalse(denied.body().contains("<a "), denied.body());
    }

    @Test
    void theAppsLogoAndAccentColourAreInlinedAndTheCspStillLoadsNothingButDataImages() throws Exception {
        startApp(TestApp.Login.REDIRECT, b -> b.logo(PNG, "image/png").accentColor("#7C2D12"));

        Browser.Page consent = consentIn("en");

        assertTrue(consent.body().contains("<img src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(PNG)
                + "\" alt=\"\"><bdi>Acme Shop</bdi>"), consent.body());
        assertTrue(consent.body().contains(":root{--accent:#7c2d12}"), consent.body());
        assertEquals("default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'none';"
                + " base-uri 'none'", consent.header("Content-Security-Policy"));
        assertFalse(consent.body().contains("<script"), "no JavaScript");
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(consent.body()).find(), "nothing external");
    }

    @Test
    void theAppsResourceBundleReplacesTextsPerLanguageAndTheRestStayBuiltIn() throws Exception {
        startApp(TestApp.Login.REDIRECT, b -> b.messages("com.eusate.login.pages.custom"));

        Browser.Page en = consentIn("en");
        Browser.Page de = consentIn("de");
        Browser.Page fr = consentIn("fr");

        assertEquals("Connect Sate to your Acme account?", title(en));
        assertEquals("Connect Sate to your Acme account?", heading(en));
        assertTrue(de.body().contains(">Ja, verbinden</button>"), de.body());
        assertEquals("Sate im Chat für Sie handeln lassen?", title(de), "German keeps its built-in title");
        assertEquals("Laisser Sate agir pour vous dans le chat\u00a0?", title(fr));
    }

    @Test
    void aLanguageTheJarDoesNotBundleCanBeForcedWhenTheAppsBundleHasIt() throws Exception {
        startApp(TestApp.Login.REDIRECT, b -> b.messages("com.eusate.login.pages.custom")
                .locale(Locale.forLanguageTag("sv")));

        Browser.Page consent = consentIn("en");

        assertTrue(consent.body().startsWith("<!DOCTYPE html><html lang=\"sv\" dir=\"ltr\">"), consent.body());
        assertEquals("Låta Sate agera åt dig i chatten?", title(consent));
        assertTrue(consent.body().contains(">Tillåt</button>"), consent.body());
        assertTrue(consent.body().contains("You are signed in to"), "keys it does not give stay English");
    }

    @Test
    void theOutcomeTemplateShapesEveryOutcomeAndEscapesWhatItShows() throws Exception {
        String template = "<!DOCTYPE html><html lang=\"{{lang}}\" dir=\"{{dir}}\"><title>{{title}}</title>"
                + "<main data-outcome=\"{{outcome}}\"><b>{{app_name}}</b>{{message}}{{next}}"
                + "<i>{{text:next.back}}</i></main></html>";
        startApp(TestApp.Login.REDIRECT, b -> b.outcomeTemplate(template).appName("<Evil & Co>")
                .returnUrl(URI.create("https://chat.example/?a=1&b='2'")));

        Browser.Page denied = decide(consentIn("de"), "deny");

        assertEquals("<!DOCTYPE html><html lang=\"de\" dir=\"ltr\"><title>Es wurde nichts geteilt</title>"
                + "<main data-outcome=\"denied\"><b>&lt;Evil &amp; Co&gt;</b>Sate wurde nicht mit Ihrem Konto verbunden,"
                + " und es wurde nichts an Sate gesendet.<p class=\"actions\"><a class=\"btn primary\""
                + " href=\"https://chat.example/?a=1&amp;b=&#39;2&#39;\" target=\"sate-chat\">Zurück zu Ihrem Chat</a></p>"
                + "<i>Zurück zu Ihrem Chat</i></main></html>", denied.body());
    }

    @Test
    void theConsentTemplateGetsTheLanguageAndTheTextsOfTheCustomer() throws Exception {
        startApp(TestApp.Login.REDIRECT, b -> b.consentTemplate("<html lang=\"{{lang}}\" dir=\"{{dir}}\">"
                + "<title>{{title}}</title><h1>{{text:consent.title}}</h1><p>{{text:consent.signed_in}}</p>{{form}}"));

        Browser.Page consent = consentIn("ar");

        assertTrue(consent.body().startsWith("<html lang=\"ar\" dir=\"rtl\"><title>" + title(consent) + "</title><h1>"
                + title(consent) + "</h1><p>أنت مسجّل الدخول إلى <bdi><strong>Acme Shop</strong></bdi> باسم <bdi><strong>alice</strong></bdi>"
                + ".</p><form"), consent.body());
        assertEquals(200, decide(consent, "allow").status());
        assertEquals(1, sate.accepted().size());
    }

    @Test
    void badPageSettingsStopTheFilterWithTheSettingsNameAndTheFix() {
        SateLoginConfig.Builder b = SateLoginConfig.builder().apiKey(API_KEY).signingSecret(SECRET);

        assertMessage(() -> b.accentColor("#ffcc00"), "accent-color [#ffcc00] has a contrast of 1.51:1 with white");
        assertMessage(() -> b.accentColor("#3b82f6"), "accent-color [#3b82f6] has a contrast of 3.68:1");
        assertMessage(() -> b.accentColor("blue"), "accent-color must be a colour written #rrggbb");
        assertMessage(() -> b.returnUrl(URI.create("javascript:alert(1)")), "return-url must be an http(s) URL");
        assertMessage(() -> b.returnUrl(URI.create("//evil.example/")), "return-url must be an http(s) URL");
        assertMessage(() -> b.logo(PNG, "image/bmp"), "logo must be a PNG, SVG, JPEG, GIF or WebP image");
        assertMessage(() -> b.logo(new byte[65 * 1024], "logo.png"), "logo must be 1 byte to 64 KiB");
        assertMessage(() -> b.messages("com.eusate.login.pages.nothing"), "messages [com.eusate.login.pages.nothing]"
                + " was not found: put com/eusate/login/pages/nothing_en.properties");
        assertMessage(() -> b.messages("com.eusate.login.pages.misspelt"),
                "messages: com/eusate/login/pages/misspelt_de.properties has the key [consent.titel], which no page uses");
        assertMessage(() -> b.locale(Locale.forLanguageTag("sv")).build(), "locale [sv] has no texts");
        assertMessage(() -> b.outcomeTemplate("<p>{{title}}</p>"), "outcome-template must contain {{message}}");
        assertMessage(() -> b.outcomeTemplate("{{message}} {{nxet}}"), "outcome-template has the placeholder [{{nxet}}]");
        assertMessage(() -> b.consentTemplate("{{form}} {{text:consent.nope}}"),
                "consent-template has the placeholder [{{text:consent.nope}}]");
    }

    @Test
    void pageSettingsAreReadFromInitParamsAndALogoMissingFromTheWebAppIsRefused() {
        SateLoginConfig config = SateLoginConfig.fromInitParams(new InitParamsFixture().with("api-key", API_KEY)
                .with("signing-secret", SECRET).with("accent-color", "#15803d").with("locale", "ja"));
        assertTrue(config.toString().contains("accent-color=#15803d") && config.toString().contains("locale=ja"),
                config.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SateLoginConfig.fromInitParams(new InitParamsFixture().with("api-key", API_KEY)
                        .with("signing-secret", SECRET).with("logo", "/WEB-INF/logo.svg")));
        assertTrue(e.getMessage().contains("logo [/WEB-INF/logo.svg] was not found in the web app"), e.getMessage());
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable action, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertTrue(e.getMessage().contains(expected), () -> "expected [" + expected + "] in: " + e.getMessage());
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
