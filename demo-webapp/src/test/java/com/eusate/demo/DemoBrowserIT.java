package com.eusate.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The whole demo in a real headless Chromium (Debian's /usr/bin/chromium, never a downloaded one),
 * whose language is the test's: the Sate simulator's chat, its login link (a new tab), the shop's
 * own form login, the consent page, every outcome, and the chat showing each. Every page of the
 * filter is audited by {@link PageAudit} (axe-core WCAG 2.2 AA, no sideways scroll at 390 px,
 * screenshots at 390 and 1280 px under target/screenshots/pages).
 */
class DemoBrowserIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static DemoServer demo;
    private static long startedAt;

    @RegisterExtension
    final ScreenshotsOnFailure screenshots = new ScreenshotsOnFailure();
    private ChromeDriver browser;
    private WebDriverWait wait;
    private String lang;
    private boolean signedIn;

    @BeforeAll
    static void startDemo() throws Exception {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed) {
            // one line on the build's console: the JVM's native stderr, which failsafe's
            // redirectTestOutputToFile leaves alone (System.err goes to a report file)
            new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8).println(
                    "SKIPPED DemoBrowserIT: /usr/bin/chromium or /usr/bin/chromedriver is missing;"
                    + " to run it: apt-get install chromium chromium-driver (.ci/run does)");
        }
        Assumptions.assumeTrue(installed, "Browser test skipped: /usr/bin/chromium or /usr/bin/chromedriver is missing;"
                + " install Debian's chromium and chromium-driver (.ci/run does)");
        startedAt = System.nanoTime();
        System.setProperty("sate.demo.slow-seconds", "5"); // a slow Sate: longer than the callback-timeout below
        demo = DemoServer.start(Map.of("PORT", "0", "SATE_CALLBACK_TIMEOUT", "PT3S"));
    }

    @AfterAll
    static void stopDemo() {
        if (demo != null) {
            demo.close();
            System.out.printf("DemoBrowserIT: %d pages audited, %d axe-core runs with 0 violations (%d ms in axe),"
                    + " %d Japanese words each on one line, %d screenshots in %s, %d s%n", PageAudit.PAGES.get(),
                    PageAudit.AUDITS.get(), PageAudit.AXE_MILLIS.get(), PageAudit.JAPANESE_WORDS_CHECKED.get(),
                    PageAudit.SCREENSHOTS.get(), PageAudit.DIR.toAbsolutePath(),
                    (System.nanoTime() - startedAt) / 1_000_000_000);
        }
    }

    private void openBrowser(String language) throws Exception {
        lang = language;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,900", "--lang=" + language,
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /**
     * The visible element, once the page shows it. A lookup that meets a navigation (the page after a
     * click still loading, or the chat reloading itself) is aborted by Chrome: it is tried again.
     */
    private WebElement find(String css) {
        return wait.until(d -> {
            try {
                WebElement element = d.findElement(By.cssSelector(css));
                return element.isDisplayed() ? element : null;
            } catch (org.openqa.selenium.NoSuchElementException | StaleElementReferenceException notYet) {
                return null;
            } catch (org.openqa.selenium.WebDriverException e) {
                if (String.valueOf(e.getMessage()).contains("navigat")) {
                    return null;
                }
                throw e;
            }
        });
    }

    /** Clicks on the chat, which reloads itself every 3 seconds: a click that meets a reload is tried again. */
    private void clickOnTheChat(String css) {
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(By.cssSelector(css)).click();
            return true;
        });
    }

    private String outcome() {
        return wait.until(d -> {
            try {
                return find("h1[data-outcome]").getAttribute("data-outcome");
            } catch (StaleElementReferenceException reloaded) {
                return null;
            }
        });
    }

    /** A new chat in the simulator; returns its tab. */
    private String openChat() {
        browser.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        browser.get(demo.baseUrl() + "/sate/");
        // the chat reloads itself every 3 seconds: a status read across a reload is read again
        assertEquals("waiting", wait.ignoring(StaleElementReferenceException.class)
                .until(d -> find("#status").getAttribute("data-status")));
        return browser.getWindowHandle();
    }

    /** Follows the chat's login link, which opens the shop in a new tab, signs in there if needed: the consent page. */
    private void followTheLoginLink(String scenario) {
        Set<String> before = browser.getWindowHandles();
        assertEquals("_blank", find("#login-link").getAttribute("target"), "the login link opens a new tab");
        screenshots.step(browser, scenario + "-chat");
        clickOnTheChat("#login-link");
        wait.until(d -> d.getWindowHandles().size() > before.size());
        String shop = browser.getWindowHandles().stream().filter(h -> !before.contains(h)).findFirst().orElseThrow();
        browser.switchTo().window(shop);
        if (!signedIn) {
            find("#username").sendKeys("alice");
            find("#password").sendKeys("wonderland");
            find("#sign-in").click();
            signedIn = true;
        }
        find("button[name=decision][value=allow]");
        assertTrue(browser.getPageSource().contains("Acme Demo Shop"), "the consent page names the app");
        assertTrue(browser.getPageSource().contains("alice"), "the consent page names the customer");
        PageAudit.audit(browser, lang, scenario + "-01-consent");
    }

    private String chatStatus(String chatTab, String expected) {
        browser.switchTo().window(chatTab);
        wait.until(d -> {
            d.navigate().refresh();
            return expected.equals(d.findElement(By.id("status")).getAttribute("data-status"));
        });
        screenshots.step(browser, "chat-" + expected);
        return find("#status").getText();
    }

    // ---- the outcomes, each in any language ----------------------------------------------------------

    private void allowConnectsAndTheBackLinkShowsTheChatWithTheOrders() {
        String chat = openChat();
        followTheLoginLink("allow");
        find("button[name=decision][value=allow]").click();
        assertEquals("connected", outcome());
        PageAudit.audit(browser, lang, "allow-02-connected");

        assertEquals(1, browser.findElements(By.cssSelector("a[href*='/sate/back']")).size());
        String url = browser.getCurrentUrl();
        assertTrue(url.contains("/sate-login/outcome?"), "the decision redirected to its outcome page: " + url);
        browser.navigate().refresh();
        assertEquals("connected", outcome(), "a reload shows the same outcome");

        Set<String> tabs = browser.getWindowHandles();
        String shop = browser.getWindowHandle();
        WebElement back = find("a.btn.primary");
        assertTrue(back.getAttribute("href").endsWith("/sate/back"), back.getAttribute("href"));
        assertEquals("sate-chat", back.getAttribute("target"));
        back.click();
        browser.switchTo().window(chat);
        wait.until(d -> "connected".equals(d.findElement(By.id("status")).getAttribute("data-status")));
        assertEquals(tabs, browser.getWindowHandles(), "Back to your chat opened no new tab");
        assertEquals(demo.baseUrl() + "/sate/chat/" + chat(chat), browser.getCurrentUrl(), "back to this chat");
        browser.switchTo().window(shop);
        assertEquals("connected", outcome(), "the shop's tab still shows the outcome, not a second chat");
        browser.switchTo().window(chat);
        assertEquals("connected", find("#status").getAttribute("data-status"));
        assertEquals("alice", find("#subject").getText());
        WebElement orders = find("#orders");
        assertEquals("200", orders.getAttribute("data-http-status"));
        assertTrue(orders.getText().contains("Tea set for six") && !orders.getText().contains("Cordless drill"),
                orders.getText());
        assertTrue(orders.getText().contains("\n  \"customer\" : \"alice\""), "pretty-printed: " + orders.getText());
        assertEquals("pre-wrap", orders.getCssValue("white-space"), "long lines wrap");
    }

    /** The chat's id, as its URL names it. */
    private String chat(String chatTab) {
        String current = browser.getWindowHandle();
        browser.switchTo().window(chatTab);
        String url = browser.getCurrentUrl();
        browser.switchTo().window(current);
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private void backAfterAllowSaysItWasAlreadyAllowed() {
        String chat = openChat();
        followTheLoginLink("back-after-allow");
        find("button[name=decision][value=allow]").click();
        assertEquals("connected", outcome());

        browser.navigate().back();
        assertEquals("already_allowed", outcome());
        PageAudit.audit(browser, lang, "back-after-allow-02-already-allowed");
        chatStatus(chat, "connected");
    }

    private void denySharesNothingAndTheChatSaysSo() {
        String chat = openChat();
        followTheLoginLink("deny");
        find("button[name=decision][value=deny]").click();
        assertEquals("denied", outcome());
        PageAudit.audit(browser, lang, "deny-02-denied");
        browser.navigate().back();
        assertEquals("already_denied", outcome());
        PageAudit.audit(browser, lang, "deny-03-already-denied");

        assertTrue(chatStatus(chat, "denied").contains("You chose Deny"));
        assertTrue(browser.findElements(By.id("orders")).isEmpty(), "Sate called nothing");
    }

    private void anExpiredLinkSaysSoAndSendsNothing() {
        String chat = openChat();
        followTheLoginLink("expired");
        browser.manage().deleteCookieNamed("sate_login"); // what the browser does once state-ttl has passed
        find("button[name=decision][value=allow]").click();
        assertEquals("expired", outcome());
        PageAudit.audit(browser, lang, "expired-02-expired");
        chatStatus(chat, "waiting");
    }

    private void whenSateAnswers400TheCustomerIsToldItFailed() {
        String chat = openChat();
        clickOnTheChat("#fail-next");
        followTheLoginLink("failed");
        find("button[name=decision][value=allow]").click();
        assertEquals("failed", outcome());
        PageAudit.audit(browser, lang, "failed-02-failed");
        assertTrue(chatStatus(chat, "failed").contains("400"));
    }

    private void whenSateIsSlowTheCustomerIsToldAlmostThereAndTheChatConnectsLater() {
        String chat = openChat();
        clickOnTheChat("#slow-next");
        followTheLoginLink("deferred");
        find("button[name=decision][value=allow]").click();
        assertEquals("deferred", outcome());
        PageAudit.audit(browser, lang, "deferred-02-almost-there");
        chatStatus(chat, "connected");
    }

    // ---- the tests -----------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"en", "de", "ar"})
    void allowConnectsSateAndBackToYourChatShowsTheCustomersOrders(String language) throws Exception {
        openBrowser(language);
        allowConnectsAndTheBackLinkShowsTheChatWithTheOrders();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"en", "de", "ar"})
    void browserBackAfterAllowSaysItWasAlreadyAllowedAndDeliversOnce(String language) throws Exception {
        openBrowser(language);
        backAfterAllowSaysItWasAlreadyAllowed();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"en", "de", "ar"})
    void denySharesNothingAndTheChatShowsTheRefusal(String language) throws Exception {
        openBrowser(language);
        denySharesNothingAndTheChatSaysSo();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"en", "de", "ar"})
    void aLinkWhoseLoginCookieExpiredShowsTheExpiredPage(String language) throws Exception {
        openBrowser(language);
        anExpiredLinkSaysSoAndSendsNothing();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"en", "de", "ar"})
    void whenSateAnswers400TheCustomerSeesTheFailedPageAndTheChatSaysSo(String language) throws Exception {
        openBrowser(language);
        whenSateAnswers400TheCustomerIsToldItFailed();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"en", "de", "ar"})
    void whenSateIsSlowTheCustomerSeesAlmostThereAndTheChatConnectsLater(String language) throws Exception {
        openBrowser(language);
        whenSateIsSlowTheCustomerIsToldAlmostThereAndTheChatConnectsLater();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"fr", "es", "pt", "it", "nl", "pl", "ja"})
    void everyPageInTheOtherBundledLanguagesPassesTheAudit(String language) throws Exception {
        openBrowser(language);
        int wordsBefore = PageAudit.JAPANESE_WORDS_CHECKED.get();
        allowConnectsAndTheBackLinkShowsTheChatWithTheOrders();
        backAfterAllowSaysItWasAlreadyAllowed();
        denySharesNothingAndTheChatSaysSo();
        anExpiredLinkSaysSoAndSendsNothing();
        whenSateAnswers400TheCustomerIsToldItFailed();
        whenSateIsSlowTheCustomerIsToldAlmostThereAndTheChatConnectsLater();
        if (language.equals("ja")) { // 期限切れ and サインイン on the expired and failed pages, at both widths
            int checked = PageAudit.JAPANESE_WORDS_CHECKED.get() - wordsBefore;
            assertTrue(checked >= 8, "Japanese words checked: " + checked);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"en", "ar"})
    void theKeyboardReachesAllowFirstShowsAVisibleFocusAndEnterAllows(String language) throws Exception {
        openBrowser(language);
        openChat();
        followTheLoginLink("keyboard");
        WebElement allow = find("button[name=decision][value=allow]");

        new Actions(browser).sendKeys(Keys.TAB).perform();

        assertEquals(allow, browser.switchTo().activeElement(), "the first Tab reaches Allow");
        Map<?, ?> outline = (Map<?, ?>) browser.executeScript("const s = getComputedStyle(document.activeElement);"
                + " return {style: s.outlineStyle, width: s.outlineWidth, offset: s.outlineOffset};");
        assertEquals(Map.of("style", "solid", "width", "3px", "offset", "3px"), outline, "a visible focus ring");
        screenshots.step(browser, "allow-focused");
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        assertEquals("connected", outcome());
    }
}
