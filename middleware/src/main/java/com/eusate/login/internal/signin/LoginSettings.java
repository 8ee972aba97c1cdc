package com.eusate.login.internal.signin;

import static com.eusate.login.internal.Setting.bool;
import static com.eusate.login.internal.Setting.codeOnly;
import static com.eusate.login.internal.Setting.duration;
import static com.eusate.login.internal.Setting.integer;
import static com.eusate.login.internal.Setting.of;
import static com.eusate.login.internal.Setting.text;

import com.eusate.login.internal.Keys;
import com.eusate.login.internal.Setting;
import com.eusate.login.internal.Settings;
import com.eusate.login.signin.SateLoginListener;
import com.eusate.login.signin.SubjectResolver;
import com.eusate.login.signin.TokenIssuer;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Every setting of {@code SateLoginFilter}, declared once: the README's configuration table, the
 * init-params, the builder's checks and {@code toString} all come from here. Not API.
 */
public final class LoginSettings {

    /** The longest token lifetime allowed; revocation stores keep a subject's cut-off this long. */
    public static final Duration MAX_TOKEN_TTL = Duration.ofDays(30);

    public static final Setting<String> API_KEY = text("api-key", "Sate API key (platform settings)")
            .check(SettingChecks::apiKey).secret().defaultText("required");
    public static final Setting<URI> API_BASE_URL = of("api-base-url", (text, context) -> uri("api-base-url", text),
            "Sate API base; `/api/v1/lab/login/callback/` is appended. Must be https")
            .check(ApiBaseUrl::check).defaultValue(URI.create("https://api.eusate.com"));
    public static final Setting<byte[]> SIGNING_SECRET = of("signing-secret",
            (text, context) -> Keys.secret("signing-secret", text),
            "HS256 secret for tokens and the state cookie, at least 32 bytes (`openssl rand -base64 32`)")
            .secret().defaultText("required unless `signing-key-file`");
    public static final Setting<PrivateKey> SIGNING_KEY_FILE = of("signing-key-file",
            (text, context) -> Keys.readPrivateKey(Path.of(text), "signing-key-file"),
            "PKCS#8 PEM private key to sign with RS256 (RSA ≥ 2048 bits) or ES256 (P-256) instead; see"
            + " [Signing with RS256 or ES256](function-side.md#signing-with-rs256-or-es256)")
            .check(key -> Keys.forPrivateKey(key, "signing-key-file")).secret();
    public static final Setting<String> KEY_ID = text("key-id",
            "`kid` of issued tokens; required with `signing-key-file`, not allowed with `signing-secret`")
            .check(id -> Keys.checkKeyId(id, "key-id")).defaultText("fingerprint of the secret");
    public static final Setting<List<String>> LOGIN_PATH = of("login-path",
            (text, context) -> Arrays.stream(text.split(",")).map(String::strip).toList(),
            "comma-separated paths (after the context path) where `state` is captured on GET")
            .check(paths -> SettingChecks.paths("login-path", paths)).shownAs(paths -> String.join(",", paths))
            .defaultValue(List.of("/login"));
    public static final Setting<SubjectResolver> SUBJECT = of("subject", (text, context) -> subject(text),
            "who signed in: `principal` (`getUserPrincipal().getName()`) or `session:NAME` (a session attribute:"
            + " a `Principal`'s name, else its string value; `session:SPRING_SECURITY_CONTEXT` is Spring Security's customer)")
            .shownAs(r -> r.getClass().getEnclosingClass() == SubjectResolver.class ? r.toString()
                    : "custom:" + r.getClass().getSimpleName())
            .defaultValue(SubjectResolver.principal());
    public static final Setting<Duration> TOKEN_TTL = duration("token-ttl", Duration.ofHours(1),
            Duration.ofMinutes(1), MAX_TOKEN_TTL, "lifetime of the token Sate receives (1 minute to 30 days)");
    public static final Setting<Duration> STATE_TTL = duration("state-ttl", Duration.ofMinutes(10),
            Duration.ofMinutes(1), Duration.ofHours(24),
            "how long a captured state waits for the login (1 minute to 24 hours)");
    public static final Setting<Boolean> CONSENT = bool("consent", true,
            "show the consent page before the token is sent; `false` skips it only for a customer who"
            + " signs in after opening the link, at the root context path over https or with `cookie-secure=always`"
            + " (there the login cookie is `__Host-` prefixed: no sibling subdomain or http page can toss one in)");
    public static final Setting<Boolean> COOKIE_SECURE = of("cookie-secure", (text, context) -> cookieSecure(text),
            "`auto`: the login cookie is `Secure` when the request is HTTPS as the container sees it; `always`: behind"
            + " a proxy that ends TLS without telling the container")
            .shownAs(always -> always ? "always" : "auto").defaultValue(false);
    public static final Setting<Boolean> ALLOW_INSECURE_LOCALHOST = bool("allow-insecure-localhost", false,
            "allow an `http://` `api-base-url` on a loopback host (demos, tests)");
    public static final Setting<String> APP_NAME = text("app-name", 100, "your app's name on the consent page")
            .defaultValue("this app");
    public static final Setting<String> LOGO = of("logo", LoginSettings::logo,
            "web-app resource (e.g. `/WEB-INF/logo.svg`) with your logo for the pages: PNG, SVG, JPEG, GIF or WebP, at"
            + " most 64 KiB, inlined so that the pages load nothing").check(PageStyle::checkLogo)
            .shownAs(uri -> "(image)");
    public static final Setting<String> ACCENT_COLOR = of("accent-color", (text, context) -> text.toLowerCase(Locale.ROOT),
            "colour of the pages' primary button and links, `#rrggbb`; white text on it must reach WCAG AA contrast"
            + " (4.5:1)").check(PageStyle::checkAccent).defaultValue(PageStyle.DEFAULT_ACCENT);
    public static final Setting<String> LOCALE = text("locale",
            "the pages' language for everyone (`de`, `ar`, ...) instead of each customer's; bundled: en, de, fr, es,"
            + " pt, it, nl, pl, ja, ar").check(PageTexts::language).defaultText("from `Accept-Language`");
    public static final Setting<String> MESSAGES = text("messages",
            "base name of your resource bundle (e.g. `sate-pages` for `WEB-INF/classes/sate-pages_de.properties`)"
            + " whose texts replace the built-in ones; see [Customising the pages](customising-pages.md)")
            .check(name -> PageTexts.checkMessages(name, Thread.currentThread().getContextClassLoader()))
            .defaultText("built-in texts");
    public static final Setting<String> ENDPOINT_PATH = text("endpoint-path",
            "where the filter serves its consent page (`{endpoint-path}/consent`)")
            .check(path -> SettingChecks.paths("endpoint-path", List.of(path))).defaultValue("/sate-login");
    public static final Setting<URI> DONE_URL = of("done-url", (text, context) -> uri("done-url", text),
            "where the customer goes after the decision; `sate_login=connected\\|denied\\|deferred\\|failed\\|expired\\|already_allowed\\|already_denied`"
            + " is appended").check(SettingChecks::doneUrl).defaultText("built-in page");
    public static final Setting<URI> RETURN_URL = of("return-url", (text, context) -> uri("return-url", text),
            "the page with your Sate chat (absolute URL or a path of this app): outcome pages link \"Back to your"
            + " chat\" to it; without it they say to close the tab").check(url -> SettingChecks.webUrl("return-url", url))
            .defaultText("none");
    public static final Setting<URI> LOGOUT_URL = of("logout-url", (text, context) -> uri("logout-url", text),
            "where your app signs a customer out (absolute URL or a path of this app): the consent page offers \"Not"
            + " alice? Sign out\" linking to it, for a customer signed in with the wrong account")
            .check(url -> SettingChecks.webUrl("logout-url", url)).defaultText("none");
    public static final Setting<Duration> CALLBACK_TIMEOUT = duration("callback-timeout", Duration.ofSeconds(5),
            Duration.ofMillis(100), Duration.ofMinutes(2), "how long the customer waits for Sate's answer, retries"
            + " included (100 ms to 2 min); then the delivery goes on in the background and the customer is told"
            + " \"almost there\"");
    public static final Setting<Duration> DELIVERY_DEADLINE = duration("delivery-deadline", Duration.ofMinutes(2),
            Duration.ofMillis(100), Duration.ofHours(1), "how long a delivery may go on in all, background retries"
            + " included; never past the state's or the token's expiry (at least `callback-timeout`, at most 1 h)");
    public static final Setting<Integer> MAX_BACKGROUND_DELIVERIES = integer("max-background-deliveries", 1000, 0,
            100_000, "deliveries retrying in the background at once; beyond that a delivery that needs the background"
            + " fails at once, and says so (`0` turns background retries off)");
    public static final Setting<SateLoginListener> LISTENER = of("listener", (text, context) -> listener(text),
            "class name of a `SateLoginListener` (public, no-argument constructor) that receives every event")
            .shownAs(l -> l.getClass().getName());
    public static final Setting<String> ISSUER = text("issuer", 200, "`iss` claim of issued tokens")
            .defaultValue("sate-login-middleware");
    public static final Setting<String> AUDIENCE = text("audience", 200, "`aud` claim of issued tokens")
            .defaultValue("sate");
    public static final Setting<String> CONSENT_TEMPLATE = of("consent-template", resource("consent-template"),
            "web-app resource (e.g. `/WEB-INF/sate-consent.html`) with your consent page; must contain `{{form}}`,"
            + " may contain `{{app_name}}`, `{{subject}}` and the others in [Customising the pages](customising-pages.md)")
            .check(html -> PageHtml.checkTemplate("consent-template", html, PageHtml.FORM_PLACEHOLDER,
                    "where the Allow and Deny buttons go", PageHtml.CONSENT_PLACEHOLDERS))
            .shownAs(html -> "(custom)").defaultText("built-in page");
    public static final Setting<String> OUTCOME_TEMPLATE = of("outcome-template", resource("outcome-template"),
            "web-app resource with your outcome page (connected, denied, expired, ...); must contain `{{message}}`, may"
            + " contain `{{title}}`, `{{outcome}}`, `{{next}}` and the others in"
            + " [Customising the pages](customising-pages.md)")
            .check(html -> PageHtml.checkTemplate("outcome-template", html, PageHtml.MESSAGE_PLACEHOLDER,
                    "where the outcome's message goes", PageHtml.OUTCOME_PLACEHOLDERS))
            .shownAs(html -> "(custom)").defaultText("built-in page");

    public static final Setting<TokenIssuer> TOKEN_ISSUER = codeOnly("tokenIssuer", null,
            "the app's own tokens instead of the built-in JWT");
    public static final Setting<Function<String, Map<String, ?>>> CLAIMS = codeOnly("claims",
            subject -> Map.of(), "a few extra JWT claims for a subject");
    public static final Setting<Clock> CLOCK = codeOnly("clock", Clock.systemUTC(), "the time source, for tests");

    /** In the order of the README table. */
    public static final List<Setting<?>> ALL = List.of(API_KEY, API_BASE_URL, SIGNING_SECRET, SIGNING_KEY_FILE,
            KEY_ID, LOGIN_PATH, SUBJECT, TOKEN_TTL, STATE_TTL, CONSENT, COOKIE_SECURE, ALLOW_INSECURE_LOCALHOST, APP_NAME,
            LOGO, ACCENT_COLOR, LOCALE, MESSAGES, ENDPOINT_PATH, DONE_URL, RETURN_URL, LOGOUT_URL, CALLBACK_TIMEOUT, DELIVERY_DEADLINE,
            MAX_BACKGROUND_DELIVERIES, LISTENER, ISSUER, AUDIENCE, CONSENT_TEMPLATE, OUTCOME_TEMPLATE, TOKEN_ISSUER,
            CLAIMS, CLOCK);

    private LoginSettings() {
    }

    /** The rules that span several settings, checked when the config is built. */
    public static void checkTogether(Settings s) {
        SettingChecks.together(s);
    }

    /** The subject setting's spelling: {@code principal} or {@code session:NAME}. */
    public static SubjectResolver subject(String spec) {
        if (spec.equals("principal")) {
            return SubjectResolver.principal();
        }
        if (spec.startsWith("session:") && !spec.substring(8).isBlank()) {
            return SubjectResolver.sessionAttribute(spec.substring(8));
        }
        throw new IllegalArgumentException("subject must be [principal] or [session:NAME] (the session"
                + " attribute your login sets), but was [" + spec + "]");
    }

    /** A logo given in code as the {@code data:} URI the pages inline. */
    public static String logoUri(byte[] image, String mediaType) {
        return PageStyle.logoUri(image, mediaType);
    }

    /** The cookie-secure setting's spelling: {@code auto} (false) or {@code always} (true). */
    public static boolean cookieSecure(String text) {
        return switch (text) {
            case "auto" -> false;
            case "always" -> true;
            default -> throw new IllegalArgumentException("cookie-secure must be [auto] or [always], but was ["
                    + text + "]");
        };
    }

    public static URI uri(String name, String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name + " is not a valid URL: [" + ApiBaseUrl.withoutCredentials(text) + "]");
        }
    }

    private static SateLoginListener listener(String className) {
        try {
            Class<?> type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
            if (!SateLoginListener.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException("listener [" + className + "] does not implement "
                        + SateLoginListener.class.getName());
            }
            return (SateLoginListener) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("listener [" + className + "] cannot be created: it must be a"
                    + " public class with a public no-argument constructor (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Reads a template, a web-app resource such as {@code /WEB-INF/sate-consent.html}. */
    private static Setting.Parser<String> resource(String name) {
        return (path, context) -> new String(read(name, path, context, 256 * 1024, "/WEB-INF/sate-page.html"),
                StandardCharsets.UTF_8);
    }

    private static String logo(String path, ServletContext context) {
        byte[] image = read("logo", path, context, PageStyle.MAX_LOGO_BYTES + 1, "/WEB-INF/logo.svg");
        return PageStyle.logoUri(image, path);
    }

    private static byte[] read(String name, String path, ServletContext context, int max, String example) {
        try (InputStream in = context == null ? null : context.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException(name + " [" + path + "] was not found in the web app; give a path"
                        + " such as " + example);
            }
            return in.readNBytes(max);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + " [" + path + "] could not be read: " + e);
        }
    }
}
