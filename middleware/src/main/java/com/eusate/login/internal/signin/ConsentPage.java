package com.eusate.login.internal.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;

/**
 * The pages the filter serves itself: the consent question and the outcome (or the redirect to the
 * app's {@code done-url} instead). Every value shown is HTML-escaped; the pages cannot be framed or
 * cached and need no JavaScript. This class is thread-safe.
 */
final class ConsentPage {

    static final String FORM_PLACEHOLDER = "{{form}}";

    /** What the customer is told after the decision. */
    enum Outcome {
        CONNECTED("connected", "You're connected",
                "Sate can now help you with your account. Return to your chat to continue."),
        DEFERRED("deferred", "Almost there",
                "Sate is being connected to your account. Return to your chat; if Sate says it is not connected"
                + " in a minute, try the sign-in link again."),
        DENIED("denied", "Nothing was shared",
                "Sate was not connected to your account. You can close this page."),
        FAILED("failed", "Could not connect",
                "Sate could not be connected to your account. Go back to your chat and try the sign-in link again."),
        EXPIRED("expired", "This sign-in link has expired",
                "Go back to your chat and ask Sate for a new sign-in link."),
        ALREADY_ALLOWED("already_allowed", "You already allowed this",
                "Sate was connected to your account with this link. Return to your chat to continue."),
        ALREADY_DENIED("already_denied", "You already denied this",
                "Sate was not connected to your account. To connect it, ask Sate for a new sign-in link.");

        final String code;
        final String title;
        final String message;

        Outcome(String code, String title, String message) {
            this.code = code;
            this.title = title;
            this.message = message;
        }
    }

    private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;"
            + "padding:0 1rem;color:#222}button{font-size:1rem;padding:.5rem 1.25rem;margin-right:.5rem}"
            + ".note{color:#555;font-size:.9rem}";

    /** The query parameter that tells the {@code done-url} the outcome. */
    static final String DONE_PARAM = "sate_login";

    private final String appName;
    private final String template;
    private final URI doneUrl;

    ConsentPage(String appName, String template, URI doneUrl) {
        this.appName = appName;
        this.template = template;
        this.doneUrl = doneUrl;
    }

    /** The question; {@code openedAt} says when the customer opened Sate's link ("14:05 UTC, 3 minutes ago"). */
    void renderQuestion(HttpServletResponse response, String action, String attemptId, String csrf,
                        String subject, String openedAt, ExtraCsrfField extra) throws IOException {
        String form = "<form method=\"post\" action=\"" + escape(action) + "\">"
                + "<input type=\"hidden\" name=\"attempt\" value=\"" + escape(attemptId) + "\">"
                + "<input type=\"hidden\" name=\"csrf\" value=\"" + escape(csrf) + "\">"
                + (extra == null ? "" : "<input type=\"hidden\" name=\"" + escape(extra.name()) + "\" value=\""
                        + escape(extra.value()) + "\">")
                + "<button type=\"submit\" name=\"decision\" value=\"allow\">Allow</button>"
                + "<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>"
                + "</form>";
        String html;
        if (template != null) {
            html = template.replace("{{app_name}}", escape(appName))
                    .replace("{{subject}}", escape(subject))
                    .replace(FORM_PLACEHOLDER, form);
        } else {
            html = page("Connect Sate to " + appName + "?",
                    "<h1>Let Sate act for you in the chat?</h1>"
                    + "<p>You are signed in to <strong>" + escape(appName) + "</strong> as <strong>"
                    + escape(subject) + "</strong>.</p>"
                    + "<p>Sate, the support assistant, asks to use your account to help you in the chat you"
                    + " started. Allow this only if you started that chat yourself, just now.</p>"
                    + "<p>You opened this link from Sate at " + escape(openedAt) + ".</p>"
                    + form
                    + "<p class=\"note\">If you did not ask Sate for help, choose Deny: someone may have sent you"
                    + " their link.</p>");
        }
        write(response, HttpServletResponse.SC_OK, html);
    }

    /** After the decision: the configured done-url, or the built-in outcome page. */
    void answer(HttpServletRequest request, HttpServletResponse response, int status, Outcome outcome)
            throws IOException {
        if (doneUrl == null) {
            renderOutcome(response, status, outcome);
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

    void renderOutcome(HttpServletResponse response, int status, Outcome outcome) throws IOException {
        write(response, status, page(outcome.title, "<h1 data-outcome=\"" + outcome.code + "\">"
                + escape(outcome.title) + "</h1><p>" + escape(outcome.message) + "</p>"));
    }

    private String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + "</title><style>" + STYLE + "</style></head><body>"
                + body + "</body></html>";
    }

    public static void write(HttpServletResponse response, int status, String html) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        noStoreNoFrame(response);
        PrintWriter w = response.getWriter();
        w.write(html);
        w.flush();
    }

    /** Headers for every page and redirect of ours: never cached, never framed, no referrer. */
    static void noStoreNoFrame(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'");
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
