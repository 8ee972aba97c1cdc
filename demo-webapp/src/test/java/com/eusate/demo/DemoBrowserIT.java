package com.eusate.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The whole demo in a real headless Chromium (Debian's /usr/bin/chromium, never a downloaded one):
 * the Sate simulator's chat, its login link, the shop's own form login, the consent page, and the
 * simulator showing the connection and the customer's orders fetched with the token.
 */
class DemoBrowserIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static DemoServer demo;

    @RegisterExtension
    final ScreenshotsOnFailure screenshots = new ScreenshotsOnFailure();
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    static void startDemo() throws Exception {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed) {
            System.err.println("SKIPPED DemoBrowserIT: Chromium is not installed (apt-get install chromium chromium-driver)");
        }
        Assumptions.assumeTrue(installed, "Browser test skipped: /usr/bin/chromium or /usr/bin/chromedriver is missing;"
                + " install Debian's chromium and chromium-driver (.ci/run does)");
        demo = DemoServer.start(Map.of("PORT", "0"));
    }

    @AfterAll
    static void stopDemo() {
        if (demo != null) {
            demo.close();
        }
    }

    @BeforeEach
    void openBrowser() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1000,900",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private WebElement find(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /** Opens a new simulator chat, follows its login link and signs in; returns the chat's URL. */
    private String startChatAndSignIn(String user, String password) {
        browser.get(demo.baseUrl() + "/sate/");
        assertEquals("waiting", find("#status").getAttribute("data-status"));
        String chat = browser.getCurrentUrl();
        screenshots.step(browser, "chat-waiting");

        find("#login-link").click();
        find("#username").sendKeys(user);
        find("#password").sendKeys(password);
        screenshots.step(browser, "shop-login");
        find("#sign-in").click();

        WebElement allow = find("button[name=decision][value=allow]");
        assertTrue(browser.getPageSource().contains("Acme Demo Shop"), "the consent page names the app");
        assertTrue(browser.getPageSource().contains(user), "the consent page names the customer");
        assertTrue(allow.isDisplayed());
        screenshots.step(browser, "consent");
        return chat;
    }

    @Test
    void customerWhoAllowsIsConnectedAndSateSeesTheirOrders() {
        String chat = startChatAndSignIn("alice", "wonderland");

        find("button[name=decision][value=allow]").click();
        assertEquals("connected", find("h1[data-outcome]").getAttribute("data-outcome"));
        screenshots.step(browser, "connected");

        browser.get(chat);
        assertEquals("connected", find("#status").getAttribute("data-status"));
        assertEquals("alice", find("#subject").getText());
        WebElement orders = find("#orders");
        screenshots.step(browser, "chat-connected");
        assertEquals("200", orders.getAttribute("data-http-status"));
        assertTrue(orders.getText().contains("Tea set for six"), orders.getText());
        assertTrue(!orders.getText().contains("Cordless drill"), "only alice's orders");
    }

    @Test
    void customerWhoDeniesSharesNothingAndSateStaysDisconnected() {
        String chat = startChatAndSignIn("bob", "builder");

        find("button[name=decision][value=deny]").click();
        assertEquals("denied", find("h1[data-outcome]").getAttribute("data-outcome"));
        screenshots.step(browser, "denied");

        browser.get(chat);
        assertEquals("waiting", find("#status").getAttribute("data-status"));
        assertTrue(browser.findElements(By.id("orders")).isEmpty(), "Sate called nothing");
        screenshots.step(browser, "chat-still-waiting");
    }
}
