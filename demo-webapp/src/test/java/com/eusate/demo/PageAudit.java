package com.eusate.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Looks at one page of the filter as a reviewer and an auditor would, at a phone's width (390 px)
 * and a laptop's (1280 px): axe-core's WCAG 2.2 AA rules must find nothing, the page must not scroll
 * sideways, its language and title must be right, and a full-height screenshot of each width is
 * saved under {@code target/screenshots/pages/LANG/} on every run.
 */
final class PageAudit {

    static final Path DIR = Path.of("target", "screenshots", "pages");
    static final List<Integer> WIDTHS = List.of(390, 1280);
    /** axe-core's tags for WCAG 2.0, 2.1 and 2.2, levels A and AA. */
    static final List<String> WCAG_22_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    static final AtomicInteger PAGES = new AtomicInteger();
    static final AtomicInteger AUDITS = new AtomicInteger();
    static final AtomicInteger SCREENSHOTS = new AtomicInteger();
    static final AtomicLong AXE_MILLIS = new AtomicLong();

    private PageAudit() {
    }

    /** Audits the page the browser shows; {@code name} says which ("allow-02-connected"). */
    static void audit(ChromeDriver browser, String lang, String name) {
        assertEquals(lang, browser.findElement(By.tagName("html")).getAttribute("lang"), name);
        assertEquals(lang.equals("ar") ? "rtl" : "ltr", browser.findElement(By.tagName("html")).getAttribute("dir"), name);
        // textContent, not getText(): WebDriver turns the no-break spaces of French punctuation into spaces
        assertEquals(browser.executeScript("return document.querySelector('h1').textContent"),
                browser.executeScript("return document.title"), name + ": title = heading");
        PAGES.incrementAndGet();
        try {
            for (int width : WIDTHS) {
                viewport(browser, width, 800);
                long scrollWidth = number(browser, "return document.documentElement.scrollWidth");
                long clientWidth = number(browser, "return document.documentElement.clientWidth");
                assertTrue(scrollWidth <= clientWidth, () -> name + " scrolls sideways at " + width + " px: "
                        + scrollWidth + " > " + clientWidth);

                long started = System.nanoTime();
                // legacy mode runs axe in this page only, without opening a window for frames: the
                // filter's pages have no frames (they refuse to be framed, and frame nothing)
                Results axe = new AxeBuilder().withTags(WCAG_22_AA).setLegacyMode(true).analyze(browser);
                AXE_MILLIS.addAndGet((System.nanoTime() - started) / 1_000_000);
                AUDITS.incrementAndGet();
                assertEquals("", describe(axe.getViolations()), name + " at " + width + " px, " + lang
                        + ": axe-core WCAG 2.2 AA violations");
                List<String> passed = axe.getPasses().stream().map(Rule::getId).toList();
                assertTrue(passed.containsAll(List.of("color-contrast", "document-title", "html-has-lang", "html-lang-valid",
                        "target-size")), () -> name + ": axe did not check what it should; passed " + passed);

                if (lang.equals("ja")) {
                    assertWordsStayOnOneLine(browser, name + " at " + width + " px");
                }
                long height = number(browser, "return Math.ceil(document.documentElement.scrollHeight)");
                viewport(browser, width, Math.max(height, 600));
                Path file = DIR.resolve(lang).resolve(name + "-" + width + "px.png");
                Files.createDirectories(file.getParent());
                Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
                SCREENSHOTS.incrementAndGet();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    /** Japanese words that must never break across lines (they did: 期限/切れ, サイン/イン). */
    static final List<String> JAPANESE_WORDS = List.of("期限切れ", "サインイン");
    /** How many occurrences of those words were checked, over the whole run. */
    static final AtomicInteger JAPANESE_WORDS_CHECKED = new AtomicInteger();

    /**
     * Each occurrence of each word in {@link #JAPANESE_WORDS} is laid out in one line box: the client
     * rectangles of a range over the word (one per line fragment) all have the same top.
     */
    private static void assertWordsStayOnOneLine(ChromeDriver browser, String where) {
        @SuppressWarnings("unchecked")
        List<String> lines = (List<String>) browser.executeScript(
                "const words = arguments[0], out = [];"
                + "const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);"
                + "for (let node; (node = walk.nextNode());) { for (const w of words) {"
                + "  for (let i = node.data.indexOf(w); i >= 0; i = node.data.indexOf(w, i + 1)) {"
                + "    const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + w.length);"
                + "    const tops = new Set([...r.getClientRects()].filter(b => b.width > 0).map(b => Math.round(b.top)));"
                + "    out.push(w + ' on ' + tops.size + ' line(s)'); } } }"
                + "return out;", JAPANESE_WORDS);
        for (String line : lines) {
            assertTrue(line.endsWith(" on 1 line(s)"), where + ": " + line);
        }
        JAPANESE_WORDS_CHECKED.addAndGet(lines.size());
    }

    /** The layout viewport of a phone (touch, viewport meta honoured) below 600 px, else a desktop's. */
    private static void viewport(ChromeDriver browser, int width, long height) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", width < 600));
    }

    private static long number(ChromeDriver browser, String script) {
        return ((Number) browser.executeScript(script)).longValue();
    }

    private static String describe(List<Rule> violations) {
        return violations.stream().map(rule -> rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                + rule.getNodes().stream().map(node -> String.valueOf(node.getTarget())).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("\n"));
    }
}
