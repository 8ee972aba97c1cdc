package com.eusate.login.internal.signin;

import static com.eusate.login.internal.signin.LoginSettings.*;

import com.eusate.login.internal.Settings;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The checks of {@link LoginSettings}: each value on its own, and the rules that span several. Every
 * message names the setting, shows the bad value in [ ] (never a secret's) and says how to fix it.
 * Not API.
 */
final class SettingChecks {

    private SettingChecks() {
    }

    /** The rules that span several settings, checked when the config is built. */
    static void together(Settings s) {
        if (!s.isSet(API_KEY)) {
            throw new IllegalArgumentException("api-key is required: set it to the API key from Sate's platform"
                    + " settings, preferably as ${env:SATE_API_KEY}");
        }
        boolean secret = s.isSet(SIGNING_SECRET);
        boolean keyFile = s.isSet(SIGNING_KEY_FILE);
        if (!secret && !keyFile) {
            throw new IllegalArgumentException("signing-secret is required: set it to at least 32 random bytes"
                    + " (openssl rand -base64 32), preferably as ${env:SATE_SIGNING_SECRET}; or give"
                    + " signing-key-file and key-id for RS256/ES256");
        }
        if (secret && keyFile) {
            throw new IllegalArgumentException("give either signing-secret (HS256) or signing-key-file"
                    + " (RS256/ES256), not both");
        }
        if (secret && s.isSet(KEY_ID)) {
            throw new IllegalArgumentException("key-id goes with signing-key-file only: with signing-secret the kid"
                    + " is the secret's fingerprint, which is what SateTokenFilter looks for; remove key-id");
        }
        if (keyFile && !s.isSet(KEY_ID)) {
            throw new IllegalArgumentException("key-id is required with signing-key-file: name the key (for"
                    + " example 2026-11) and list it under the same name in SateTokenFilter's public-keys");
        }
        ApiBaseUrl.checkScheme(s.get(API_BASE_URL), s.get(ALLOW_INSECURE_LOCALHOST));
        if (s.get(DELIVERY_DEADLINE).compareTo(s.get(CALLBACK_TIMEOUT)) < 0) {
            throw new IllegalArgumentException("delivery-deadline [" + s.get(DELIVERY_DEADLINE) + "] must not be"
                    + " shorter than callback-timeout [" + s.get(CALLBACK_TIMEOUT) + "]");
        }
        if (s.isSet(LOCALE)) {
            PageTexts.checkLocale(s.get(LOCALE), s.get(MESSAGES), Thread.currentThread().getContextClassLoader());
        }
        if (s.get(LOGIN_PATH).contains(s.get(ENDPOINT_PATH))) {
            throw new IllegalArgumentException("endpoint-path [" + s.get(ENDPOINT_PATH) + "] must differ from every"
                    + " login-path " + s.get(LOGIN_PATH));
        }
    }

    static void apiKey(String apiKey) {
        if (apiKey.isBlank()) {
            throw new IllegalArgumentException("api-key must not be empty: set it to the API key from Sate's"
                    + " platform settings, preferably as ${env:SATE_API_KEY}");
        }
        if (!apiKey.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("api-key contains spaces or characters that cannot go in an HTTP"
                    + " header; copy the key again from Sate's platform settings");
        }
    }

    static void doneUrl(URI url) {
        if (url.getRawFragment() != null
                || !(url.isAbsolute() || (url.getPath() != null && url.getPath().startsWith("/")))) {
            throw new IllegalArgumentException("done-url must be an absolute URL or a path starting with /,"
                    + " without fragment, but was [" + url + "]");
        }
    }

    /** An http(s) URL, or a path of this app starting with /: somewhere a link may send the customer. */
    static void webUrl(String name, URI url) {
        boolean web = url.isAbsolute() ? ("https".equalsIgnoreCase(url.getScheme())
                || "http".equalsIgnoreCase(url.getScheme())) && url.getRawAuthority() != null
                : url.getRawAuthority() == null && url.getPath() != null && url.getPath().startsWith("/");
        if (!web) {
            throw new IllegalArgumentException(name + " must be an http(s) URL or a path of this app starting with /,"
                    + " but was [" + url + "]");
        }
    }

    static void paths(String name, List<String> paths) {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException(name + " needs at least one path, such as /login");
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String path : paths) {
            if (path == null || !path.startsWith("/") || path.length() > 200
                    || path.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f || c == '?' || c == '#' || c == '*')) {
                throw new IllegalArgumentException(name + " must be paths after the context path, starting with /,"
                        + " without query or wildcards, but was [" + path + "]");
            }
            if (!unique.add(path)) {
                throw new IllegalArgumentException(name + " lists [" + path + "] twice");
            }
        }
    }
}
