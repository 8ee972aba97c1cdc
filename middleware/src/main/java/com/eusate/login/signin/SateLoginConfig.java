package com.eusate.login.signin;

import static com.eusate.login.internal.signin.LoginSettings.*;

import com.eusate.login.internal.InitParams;
import com.eusate.login.internal.Keys;
import com.eusate.login.internal.Settings;
import com.eusate.login.internal.SettingsConfig;
import com.eusate.login.internal.signin.ApiBaseUrl;
import com.eusate.login.internal.signin.LoginSettings;
import jakarta.servlet.FilterConfig;
import java.net.URI;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The settings of a {@code SateLoginFilter}: immutable, validated once by {@link Builder#build()}.
 * Each builder method has an init-param of the same name in kebab-case ({@code tokenTtl} is
 * {@code token-ttl}); the configuration reference (docs/configuration.md) lists them all. {@link #toString()} never
 * shows the API key or a signing key. This class is thread-safe.
 */
public final class SateLoginConfig extends SettingsConfig {

    private SateLoginConfig(Settings settings) {
        super(settings, "SateLoginConfig");
    }

    public static Builder builder() {
        return new Builder(new Settings(LoginSettings.ALL));
    }

    /** The settings that a filter's init-params describe, as {@code web.xml} gives them. */
    public static SateLoginConfig fromInitParams(FilterConfig filterConfig) {
        return new Builder(InitParams.read(filterConfig, new Settings(LoginSettings.ALL))).build();
    }

    /** A builder holding these settings, to derive a changed copy. */
    public Builder newBuilder() {
        return new Builder(values());
    }

    /** Where the token is delivered: {@code api-base-url} with Sate's callback path appended. */
    public URI callbackUri() {
        return ApiBaseUrl.callbackUri(get(API_BASE_URL));
    }

    /**
     * Builds a {@link SateLoginConfig}. Each method checks its own value; {@link #build()} checks the
     * rules that span several settings. Messages name the init-param and the fix, never a secret.
     * Not thread-safe.
     */
    public static final class Builder extends SettingsConfig.Builder<Builder> {

        private Builder(Settings settings) {
            super(settings);
        }

        /** The API key from Sate's platform settings (required). */
        public Builder apiKey(String apiKey) {
            return set(API_KEY, apiKey);
        }

        /** Sate's API base; Sate's callback path is appended. */
        public Builder apiBaseUrl(URI apiBaseUrl) {
            return set(API_BASE_URL, apiBaseUrl);
        }

        public Builder apiBaseUrl(String apiBaseUrl) {
            return set(API_BASE_URL, apiBaseUrl == null ? null : LoginSettings.uri("api-base-url", apiBaseUrl));
        }

        /** The HS256 key for tokens and the state cookie, at least 32 bytes ({@code openssl rand -base64 32}). */
        public Builder signingSecret(String signingSecret) {
            return set(SIGNING_SECRET, Keys.secret("signing-secret", signingSecret));
        }

        /** Sign with RS256 (RSA, 2048 bits or more) or ES256 (P-256) from a PKCS#8 PEM file; needs a key id. */
        public Builder signingKeyFile(Path pemFile) {
            return set(SIGNING_KEY_FILE, pemFile == null ? null : Keys.readPrivateKey(pemFile, "signing-key-file"));
        }

        /** The RS256/ES256 private key itself; see {@link #signingKeyFile(Path)}. */
        public Builder signingKey(PrivateKey key) {
            return set(SIGNING_KEY_FILE, key);
        }

        /** The {@code kid} of issued tokens with a key file (required there); a secret's kid is its fingerprint. */
        public Builder keyId(String keyId) {
            return set(KEY_ID, keyId);
        }

        /** Request paths (after the context path) where Sate's state is captured. */
        public Builder loginPath(String... paths) {
            return set(LOGIN_PATH, Arrays.stream(paths).map(p -> p == null ? null : p.strip()).toList());
        }

        /** {@code principal} or {@code session:NAME}; see {@link SubjectResolver}. */
        public Builder subject(String spec) {
            return set(SUBJECT, spec == null ? null : LoginSettings.subject(spec));
        }

        /** A resolver of the app's own for who is signed in; replaces {@link #subject(String)}. */
        public Builder subjectResolver(SubjectResolver resolver) {
            return set(SUBJECT, resolver);
        }

        /** How long the token Sate receives stays valid. */
        public Builder tokenTtl(Duration ttl) {
            return set(TOKEN_TTL, ttl);
        }

        /** How long a captured state waits for the customer's login. */
        public Builder stateTtl(Duration ttl) {
            return set(STATE_TTL, ttl);
        }

        /** Ask the customer before the token is sent (default true; docs/security.md says what false risks). */
        public Builder consent(boolean consent) {
            return set(CONSENT, consent);
        }

        /**
         * {@code auto} (default): the login cookie is {@code Secure} when the container sees HTTPS;
         * {@code always}: also behind a proxy that ends TLS without telling the container.
         */
        public Builder cookieSecure(String mode) {
            return set(COOKIE_SECURE, mode == null ? null : LoginSettings.cookieSecure(mode));
        }

        /** Allow an {@code http://} API base on a loopback host (demos, tests). */
        public Builder allowInsecureLocalhost(boolean allow) {
            return set(ALLOW_INSECURE_LOCALHOST, allow);
        }

        /** The app's name as the consent page shows it. */
        public Builder appName(String appName) {
            return set(APP_NAME, appName == null ? null : appName.strip());
        }

        /**
         * The app's logo beside its name on the pages: a PNG, SVG, JPEG, GIF or WebP image of at most
         * 64 KiB, inlined into the pages. {@code mediaType} is its type ({@code image/svg+xml}) or file name.
         */
        public Builder logo(byte[] image, String mediaType) {
            return set(LOGO, image == null ? null : LoginSettings.logoUri(image, mediaType));
        }

        /** The colour ({@code #rrggbb}) of the pages' primary button and links; white text on it must reach 4.5:1. */
        public Builder accentColor(String colour) {
            return set(ACCENT_COLOR, colour == null ? null : colour.strip().toLowerCase(Locale.ROOT));
        }

        /** One language for the pages instead of each customer's {@code Accept-Language}. */
        public Builder locale(Locale locale) {
            return set(LOCALE, locale == null ? null : locale.toLanguageTag());
        }

        /**
         * The base name of a resource bundle of the app's ({@code sate-pages} for
         * {@code sate-pages_de.properties} on the class path) whose texts replace the built-in ones.
         */
        public Builder messages(String baseName) {
            return set(MESSAGES, baseName == null ? null : baseName.strip());
        }

        /** The page with the customer's Sate chat: the outcome pages link back to it. */
        public Builder returnUrl(URI returnUrl) {
            return set(RETURN_URL, returnUrl);
        }

        /**
         * Where the app signs a customer out (an absolute URL or a path of this app): the consent page
         * offers "Not alice? Sign out" linking to it, for a customer signed in with the wrong account.
         * Signing out drops the pending Sate login, as any logout does.
         */
        public Builder logoutUrl(URI logoutUrl) {
            return set(LOGOUT_URL, logoutUrl);
        }

        /**
         * The outcome pages (connected, denied, expired, ...) as an HTML template. It must contain
         * {@code {{message}}} and may contain {@code {{title}}}, {@code {{outcome}}}, {@code {{next}}}
         * and the other placeholders docs/customising-pages.md lists; all values are HTML-escaped.
         */
        public Builder outcomeTemplate(String html) {
            return set(OUTCOME_TEMPLATE, html);
        }

        /** Where the filter serves its consent page (after the context path). */
        public Builder endpointPath(String path) {
            return set(ENDPOINT_PATH, path == null ? null : path.strip());
        }

        /** Where the customer goes after the decision, with {@code sate_login=...} appended. */
        public Builder doneUrl(URI doneUrl) {
            return set(DONE_URL, doneUrl);
        }

        /** How long the customer waits for Sate's answer, retries included. */
        public Builder callbackTimeout(Duration timeout) {
            return set(CALLBACK_TIMEOUT, timeout);
        }

        /** How long a delivery may go on in all, background retries included. */
        public Builder deliveryDeadline(Duration deadline) {
            return set(DELIVERY_DEADLINE, deadline);
        }

        /** Deliveries that may retry in the background at once; 0 turns background retries off. */
        public Builder maxBackgroundDeliveries(int max) {
            return set(MAX_BACKGROUND_DELIVERIES, max);
        }

        /** Receives every {@link SateLoginEvent}. */
        public Builder listener(SateLoginListener listener) {
            return set(LISTENER, listener);
        }

        /** The {@code iss} claim of issued tokens; the token filter must expect the same. */
        public Builder issuer(String issuer) {
            return set(ISSUER, issuer);
        }

        /** The {@code aud} claim of issued tokens; the token filter must expect the same. */
        public Builder audience(String audience) {
            return set(AUDIENCE, audience);
        }

        /**
         * The consent page as an HTML template, replacing the built-in one. It must contain
         * {@code {{form}}} (the hidden fields and the Allow/Deny buttons) and may contain
         * {@code {{app_name}}} and {@code {{subject}}}; all are HTML-escaped on substitution.
         */
        public Builder consentTemplate(String html) {
            return set(CONSENT_TEMPLATE, html);
        }

        /**
         * A few claims of the app's own for each JWT the built-in issuer signs. Keep them minimal: Sate
         * stores the token. The registered claims ({@code iss aud sub iat exp jti nbf}) cannot be
         * replaced; values must be strings, numbers, booleans, or lists and maps of those.
         */
        public Builder claims(Function<String, Map<String, ?>> claimsOfSubject) {
            return set(CLAIMS, claimsOfSubject);
        }

        /** Replaces the built-in JWT issuer with the app's own tokens. */
        public Builder tokenIssuer(TokenIssuer tokenIssuer) {
            return set(TOKEN_ISSUER, tokenIssuer);
        }

        /** The time source, for tests. */
        public Builder clock(Clock clock) {
            return set(CLOCK, clock);
        }

        /** Checks the rules that span settings and returns the immutable config. */
        public SateLoginConfig build() {
            LoginSettings.checkTogether(settings);
            return new SateLoginConfig(settings);
        }
    }
}
