package com.eusate.login.internal.signin;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The rules for {@code api-base-url}, where the API key and tokens go: absolute, https (plain http
 * only to a literal loopback host, and only when allowed), no credentials, query or fragment; and the
 * callback URL made from it.
 */
public final class ApiBaseUrl {

    /** Appended to the API base URL; Sate's documented path ends with a slash. */
    static final String CALLBACK_PATH = "/api/v1/lab/login/callback/";

    private ApiBaseUrl() {
    }

    /** Where the token is delivered: the API base URL with {@link #CALLBACK_PATH} appended. */
    public static URI callbackUri(URI apiBaseUrl) {
        String base = apiBaseUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + CALLBACK_PATH);
    }

    static void check(URI url) {
        if (!url.isAbsolute() || url.getHost() == null || url.getRawQuery() != null
                || url.getRawFragment() != null || url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("api-base-url must be an absolute URL like https://api.eusate.com"
                    + " without query, fragment or credentials, but was [" + withoutCredentials(url.toString()) + "]");
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("api-base-url must use https, but was [" + url + "]");
        }
    }

    /** A URL as an error message may show it: a password written into it is cut out. */
    static String withoutCredentials(String url) {
        return url.replaceAll("(?<=//)[^/?#]*@", "(credentials removed)@");
    }

    /** http is allowed only to a loopback host, and only with {@code allow-insecure-localhost}. */
    static void checkScheme(URI base, boolean allowInsecureLocalhost) {
        if (base.getScheme().equalsIgnoreCase("http")) {
            if (!isLoopback(base.getHost())) {
                throw new IllegalArgumentException("api-base-url must use https, but was [" + base
                        + "]: the API key and tokens would cross the network unencrypted");
            }
            if (!allowInsecureLocalhost) {
                throw new IllegalArgumentException("api-base-url [" + base + "] uses http: use https, or"
                        + " set allow-insecure-localhost=true for a local Sate stand-in");
            }
        }
    }

    /** Loopback by name or literal address only: the host is never resolved through DNS here. */
    static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+") && !literal.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
