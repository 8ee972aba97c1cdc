package com.eusate.login.internal.signin;

import static com.eusate.login.internal.signin.PageHtml.escape;
import static com.eusate.login.internal.signin.PageHtml.fill;
import static com.eusate.login.internal.signin.PageHtml.text;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The pages the filter serves itself: the consent question and the outcomes (or the redirect to the
 * app's {@code done-url} instead), in the customer's language, in the app's look or its own
 * templates. Every value shown is HTML-escaped, in templates too; the pages cannot be framed or
 * cached, load nothing and need no JavaScript ({@link PageHtml} has the HTML rules, {@link PageTimes}
 * the times). This class is thread-safe.
 */
final class ConsentPage {

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

        /** The outcome with this code, or null. */
        static Outcome ofCode(String code) {
            for (Outcome outcome : values()) {
                if (outcome.code.equals(code)) {
                    return outcome;
                }
            }
            return null;
        }
    }

    /**
     * The app as its pages show it: name, optional logo ({@code data:} URI), accent colour, where its
     * chat is, and where a customer signs out (or null).
     */
    record Look(String appName, String logo, String accent, URI returnUrl, URI logoutUrl) {
    }

    /** The name of the chat's window (its {@code window.name}): "Back to your chat" goes back to that tab. */
    static final String CHAT_WINDOW = "sate-chat";

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
        values.put("duration", escape(PageTimes.duration(t, tokenTtl)));
        String ago = escape(PageTimes.ago(t, Duration.between(openedAt, clock.instant())));
        values.put("ago", ago);
        values.put("time", ago); // once a clock time in UTC; texts of apps that still say {time} get the relative one
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
                    + signOut(request, t, values)
                    + "</div></main>");
        }
        write(response, HttpServletResponse.SC_OK, html, t);
    }

    /** "Not alice? Sign out", linking to the app's logout-url; nothing without one. */
    private String signOut(HttpServletRequest request, PageTexts.Texts t, Map<String, String> values) {
        if (look.logoutUrl() == null) {
            return "";
        }
        return "<p class=\"note switch\">" + text(t, "consent.not_you", values) + " <a href=\""
                + escape(appUrl(request, look.logoutUrl())) + "\">" + escape(t.get("consent.sign_out")) + "</a></p>";
    }

    /**
     * After the decision (Post/Redirect/Get): a 303 to the configured done-url, or to {@code outcomeUrl},
     * the built-in outcome page, which a reload shows again without deciding anything again.
     */
    void redirectAfterDecision(HttpServletRequest request, HttpServletResponse response, Outcome outcome,
                               String outcomeUrl) throws IOException {
        if (doneUrl != null) {
            answer(request, response, HttpServletResponse.SC_OK, outcome);
        } else {
            PageHtml.redirect(response, outcomeUrl);
        }
    }

    /** An outcome in place of a page: the configured done-url, or the built-in outcome page. */
    void answer(HttpServletRequest request, HttpServletResponse response, int status, Outcome outcome)
            throws IOException {
        if (doneUrl == null) {
            renderOutcome(request, response, status, outcome);
            return;
        }
        String url = appUrl(request, doneUrl);
        PageHtml.redirect(response, url + (url.contains("?") ? "&" : "?") + DONE_PARAM + "=" + outcome.code);
    }

    /** The outcome page: what happened and what to do next, in the customer's language. */
    void renderOutcome(HttpServletRequest request, HttpServletResponse response, int status, Outcome outcome)
            throws IOException {
        PageTexts.Texts t = texts.of(request);
        Map<String, String> values = textValues(null);
        String title = t.get("outcome." + outcome.code + ".title");
        String message = text(t, "outcome." + outcome.code + ".message", values);
        String next = look.returnUrl() == null ? "<p>" + escape(t.get("next.close")) + "</p>"
                : "<p class=\"actions\"><a class=\"btn primary\" href=\"" + escape(appUrl(request, look.returnUrl()))
                + "\" target=\"" + CHAT_WINDOW + "\">" + escape(t.get("next.back")) + "</a></p>";
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

    /** An absolute URL as it is, a path of this app under its context path. */
    private static String appUrl(HttpServletRequest request, URI url) {
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

    private void write(HttpServletResponse response, int status, String html, PageTexts.Texts t) throws IOException {
        if (texts.negotiated()) {
            response.setHeader("Vary", "Accept-Language");
        }
        response.setHeader("Content-Language", t.lang());
        PageHtml.write(response, status, html);
    }

    /** A CSRF field of the app's framework (e.g. Spring Security's) to echo in the consent form. */
    record ExtraCsrfField(String name, String value) {
        @Override
        public String toString() {
            return "ExtraCsrfField[" + name + "=(redacted)]";
        }
    }
}
