package com.eusate.login.internal.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pages the filter serves itself: the consent question and the outcomes (or the redirect to the
 * app's {@code done-url} instead), in the customer's language, in the app's look or its own
 * templates. Every value shown is HTML-escaped, in templates too; the pages cannot be framed or
 * cached, load nothing and need no JavaScript. This class is thread-safe.
 */
final class ConsentPage {

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

    /** What the customer is told after the decision; the texts are {@code outcome.CODE.title/message}. */
    enum Outcome {
        CONNECTED("connected", "ok"),
        DEFERRED("deferred", "wait"),
        DENIED("denied", "off"),
        FAILED("failed", "bad"),
        EXPIRED("expired", "bad"),
        ALREADY_ALLOWED("already_allowed", "ok"),
        ALREADY_DENIED("already_denied", "off");

        final String code;
        /** The colour of the page's top edge: ok, wait, off or bad. */
        final String tone;

        Outcome(String code, String tone) {
            this.code = code;
            this.tone = tone;
        }
    }

    /** The app as its pages show it: name, optional logo ({@code data:} URI), accent colour, where its chat is. */
    record Look(String appName, String logo, String accent, URI returnUrl) {
    }

    /** The query parameter that tells the {@code done-url} the outcome. */
    static final String DONE_PARAM = "sate_login";

    private final Look look;
    private final PageTexts texts;
    private final String consentTemplate;
    private final String outcomeTemplate;
    private final URI doneUrl;
    private final Duration tokenTtl;
    private final Clock clock;
    private final String style;

    ConsentPage(Look look, PageTexts texts, String consentTemplate, String outcomeTemplate, URI doneUrl,
                Duration tokenTtl, Clock clock) {
        this.look = look;
        this.texts = texts;
        this.consentTemplate = consentTemplate;
        this.outcomeTemplate = outcomeTemplate;
        this.doneUrl = doneUrl;
        this.tokenTtl = tokenTtl;
        this.clock = clock;
        this.style = PageStyle.css(look.accent());
    }

    /** The question, in the customer's language; {@code openedAt} is when they opened Sate's link. */
    void renderQuestion(HttpServletRequest request, HttpServletResponse response, String action, String attemptId,
                        String csrf, String subject, Instant openedAt, ExtraCsrfField extra) throws IOException {
        PageTexts.Texts t = texts.of(request);
        String form = "<form method=\"post\" action=\"" + escape(action) + "\">"
                + "<input type=\"hidden\" name=\"attempt\" value=\"" + escape(attemptId) + "\">"
                + "<input type=\"hidden\" name=\"csrf\" value=\"" + escape(csrf) + "\">"
                + (extra == null ? "" : "<input type=\"hidden\" name=\"" + escape(extra.name()) + "\" value=\""
                        + escape(extra.value()) + "\">")
                + "<div class=\"actions\">"
                + "<button class=\"btn primary\" type=\"submit\" name=\"decision\" value=\"allow\">"
                + escape(t.get("consent.allow")) + "</button>"
                + "<button class=\"btn secondary\" type=\"submit\" name=\"decision\" value=\"deny\">"
                + escape(t.get("consent.deny")) + "</button>"
                + "</div></form>";
        Map<String, String> values = textValues(subject);
        values.put("duration", escape(duration(t, tokenTtl)));
        values.put("time", escape(time(t, openedAt)));
        long minutes = Math.max(0, Duration.between(openedAt, clock.instant()).toMinutes());
        values.put("ago", escape(minutes == 0 ? t.get("ago.now") : t.count("ago.minute", minutes)));
        String title = t.get("consent.title");
        String html;
        if (consentTemplate != null) {
            Map<String, String> slots = slots(t, title);
            slots.put("form", form);
            slots.put("subject", escape(subject));
            html = fill(consentTemplate, slots, t, values);
        } else {
            html = page(t, title, "<main><div class=\"card\">" + header()
                    + "<h1>" + escape(title) + "</h1>"
                    + "<p>" + text(t, "consent.signed_in", values) + "</p>"
                    + "<p>" + text(t, "consent.asks", values) + "</p>"
                    + "<p>" + text(t, "consent.can", values) + "</p>"
                    + "<ul><li>" + text(t, "consent.can.act", values) + "</li>"
                    + "<li>" + text(t, "consent.can.time", values) + "</li></ul>"
                    + "<p>" + text(t, "consent.password", values) + "</p>"
                    + form
                    + "<p class=\"note\">" + text(t, "consent.opened", values) + "</p>"
                    + "<p class=\"note\">" + text(t, "consent.warning", values) + "</p>"
                    + "</div></main>");
        }
        write(response, HttpServletResponse.SC_OK, html, t);
    }

    /** After the decision: the configured done-url, or the built-in outcome page. */
    void answer(HttpServletRequest request, HttpServletResponse response, int status, Outcome outcome)
            throws IOException {
        if (doneUrl == null) {
            renderOutcome(request, response, status, outcome);
            return;
        }
        String url = doneUrl.isAbsolute() ? doneUrl.toString() : request.getContextPath() + doneUrl;
        redirect(response, url + (url.contains("?") ? "&" : "?") + DONE_PARAM + "=" + outcome.code);
    }

    /** A 303 to {@code location} that is never cached. */
    static void redirect(HttpServletResponse response, String location) {
        noStoreNoFrame(response);
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", location);
    }

    /** The outcome page: what happened and what to do next, in the customer's language. */
    void renderOutcome(HttpServletRequest request, HttpServletResponse response, int status, Outcome outcome)
            throws IOException {
        PageTexts.Texts t = texts.of(request);
        Map<String, String> values = textValues(null);
        String title = t.get("outcome." + outcome.code + ".title");
        String message = text(t, "outcome." + outcome.code + ".message", values);
        String next = look.returnUrl() == null ? "<p>" + escape(t.get("next.close")) + "</p>"
                : "<p class=\"actions\"><a class=\"btn primary\" href=\"" + escape(returnUrl(request)) + "\">"
                + escape(t.get("next.back")) + "</a></p>";
        String html;
        if (outcomeTemplate != null) {
            Map<String, String> slots = slots(t, title);
            slots.put("message", message);
            slots.put("outcome", outcome.code);
            slots.put("next", next);
            html = fill(outcomeTemplate, slots, t, values);
        } else {
            html = page(t, title, "<main><div class=\"card\" data-tone=\"" + outcome.tone + "\">" + header()
                    + "<h1 data-outcome=\"" + outcome.code + "\">" + escape(title) + "</h1>"
                    + "<p>" + message + "</p>" + next + "</div></main>");
        }
        write(response, status, html, t);
    }

    private String returnUrl(HttpServletRequest request) {
        URI url = look.returnUrl();
        return url.isAbsolute() ? url.toString() : request.getContextPath() + url;
    }

    private String header() {
        return "<p class=\"app\">" + (look.logo() == null ? "" : "<img src=\"" + escape(look.logo()) + "\" alt=\"\">")
                + "<bdi>" + escape(look.appName()) + "</bdi></p>";
    }

    private String page(PageTexts.Texts t, String title, String body) {
        return "<!DOCTYPE html><html lang=\"" + t.lang() + "\" dir=\"" + (t.rightToLeft() ? "rtl" : "ltr") + "\">"
                + "<head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + "</title><style>" + style + "</style></head><body>"
                + body + "</body></html>";
    }

    /** The placeholders every template may use. */
    private Map<String, String> slots(PageTexts.Texts t, String title) {
        Map<String, String> slots = new HashMap<>();
        slots.put("app_name", escape(look.appName()));
        slots.put("lang", t.lang());
        slots.put("dir", t.rightToLeft() ? "rtl" : "ltr");
        slots.put("title", escape(title));
        slots.put("style", style);
        slots.put("logo", look.logo() == null ? "" : "<img src=\"" + escape(look.logo()) + "\" alt=\"\">");
        return slots;
    }

    /** The values texts may name: {app}, {subject}; shown bold, isolated from the text's direction. */
    private Map<String, String> textValues(String subject) {
        Map<String, String> values = new HashMap<>();
        values.put("app", "<bdi><strong>" + escape(look.appName()) + "</strong></bdi>");
        if (subject != null) {
            values.put("subject", "<bdi><strong>" + escape(subject) + "</strong></bdi>");
        }
        return values;
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
    private static String fill(String template, Map<String, String> slots, PageTexts.Texts t,
                               Map<String, String> values) {
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

    /** The token's lifetime in the largest whole unit: "1 hour", "90 minutes", "30 days". */
    static String duration(PageTexts.Texts t, Duration d) {
        long minutes = Math.max(1, d.toMinutes());
        if (minutes % (24 * 60) == 0) {
            return t.count("duration.day", minutes / (24 * 60));
        }
        if (minutes % 60 == 0) {
            return t.count("duration.hour", minutes / 60);
        }
        return t.count("duration.minute", minutes);
    }

    /** "2:05 PM UTC", "14:05 UTC": the language's short time, in the zone of the configured clock. */
    private String time(PageTexts.Texts t, Instant at) {
        ZoneId zone = clock.getZone();
        String zoneName = zone.normalized().equals(ZoneOffset.UTC) ? "UTC"
                : DateTimeFormatter.ofPattern("zzz", t.locale()).withZone(zone).format(at);
        return DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(t.locale()).withZone(zone).format(at)
                + " " + zoneName;
    }

    private void write(HttpServletResponse response, int status, String html, PageTexts.Texts t) throws IOException {
        if (texts.negotiated()) {
            response.setHeader("Vary", "Accept-Language");
        }
        response.setHeader("Content-Language", t.lang());
        write(response, status, html);
    }

    public static void write(HttpServletResponse response, int status, String html) throws IOException {
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

    /** A CSRF field of the app's framework (e.g. Spring Security's) to echo in the consent form. */
    record ExtraCsrfField(String name, String value) {
        @Override
        public String toString() {
            return "ExtraCsrfField[" + name + "=(redacted)]";
        }
    }
}
