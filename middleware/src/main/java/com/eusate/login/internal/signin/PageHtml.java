package com.eusate.login.internal.signin;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTML side of the filter's pages: escaping, texts with their values, the app's templates and
 * their placeholders, and the headers every page and redirect of ours carries (never cached, never
 * framed, nothing loaded). Stateless and thread-safe.
 */
final class PageHtml {

    static final String FORM_PLACEHOLDER = "{{form}}";
    static final String MESSAGE_PLACEHOLDER = "{{message}}";
    /** What a consent-template may contain besides {@code {{text:KEY}}}. */
    static final Set<String> CONSENT_PLACEHOLDERS = Set.of("form", "app_name", "subject", "lang", "dir", "title",
            "style", "logo");
    /** What an outcome-template may contain besides {@code {{text:KEY}}}. */
    static final Set<String> OUTCOME_PLACEHOLDERS = Set.of("message", "title", "outcome", "next", "app_name", "lang",
            "dir", "style", "logo");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^{}]{0,100})\\}\\}");
    private static final Pattern TEXT_VALUE = Pattern.compile("\\{([a-z]+)\\}");

    private PageHtml() {
    }

    /** A text as HTML: its own words escaped, its {name}s replaced by the (already escaped) values. */
    static String text(PageTexts.Texts t, String key, Map<String, String> values) {
        String raw = t.get(key);
        Matcher m = TEXT_VALUE.matcher(raw);
        StringBuilder out = new StringBuilder(raw.length() + 32);
        int from = 0;
        while (m.find()) {
            String value = values.get(m.group(1));
            out.append(escape(raw.substring(from, m.start()))).append(value != null ? value : escape(m.group()));
            from = m.end();
        }
        return out.append(escape(raw.substring(from))).toString();
    }

    /** A template with its placeholders filled; {@code {{text:KEY}}} is that text in the page's language. */
    static String fill(String template, Map<String, String> slots, PageTexts.Texts t, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 2048);
        while (m.find()) {
            String name = m.group(1).strip();
            String value = name.startsWith("text:") ? text(t, name.substring(5), values) : slots.get(name);
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Checks a template when the filter starts: the placeholder it needs is there, and every other is
     * one it may use (a misspelt one would otherwise show on the page).
     */
    static void checkTemplate(String setting, String html, String required, String requiredFor, Set<String> allowed) {
        if (!html.contains(required)) {
            throw new IllegalArgumentException(setting + " must contain " + required + " " + requiredFor);
        }
        Set<String> keys = PageTexts.knownKeys();
        Matcher m = PLACEHOLDER.matcher(html);
        while (m.find()) {
            String name = m.group(1).strip();
            boolean known = name.startsWith("text:") ? keys.contains(name.substring(5)) : allowed.contains(name);
            if (!known) {
                throw new IllegalArgumentException(setting + " has the placeholder [" + m.group() + "], which is not"
                        + " one of " + allowed.stream().sorted().map(p -> "{{" + p + "}}").toList()
                        + " or {{text:KEY}} with a key of the built-in texts");
            }
        }
    }

    /** A 303 to {@code location} that is never cached. */
    static void redirect(HttpServletResponse response, String location) {
        noStoreNoFrame(response);
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", location);
    }

    static void write(HttpServletResponse response, int status, String html) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        noStoreNoFrame(response);
        PrintWriter w = response.getWriter();
        w.write(html);
        w.flush();
    }

    /** Headers for every page and redirect of ours: never cached, never framed, no referrer, nothing loaded. */
    static void noStoreNoFrame(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", "default-src 'none'; img-src data:; style-src 'unsafe-inline';"
                + " frame-ancestors 'none'; base-uri 'none'");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Content-Type-Options", "nosniff");
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
