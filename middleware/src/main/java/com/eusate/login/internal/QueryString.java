package com.eusate.login.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Reads one parameter from a raw query string without {@code getParameter()}, which would also
 * parse (and consume) a POSTed form body that belongs to the app.
 */
public final class QueryString {

    /** Longer query strings are not parsed at all. */
    public static final int MAX_LENGTH = 8 * 1024;

    private QueryString() {
    }

    /** What a query string holds under one name. */
    public enum Count { ABSENT, ONE, MANY, MALFORMED, TOO_LONG }

    public record Single(Count count, String value) {
        @Override
        public String toString() {
            return "QueryString.Single[" + count + "]"; // the value may be a secret
        }
    }

    /** The single decoded value of {@code name}; a name given twice is {@link Count#MANY}. */
    public static Single single(String query, String name) {
        if (query == null || query.isEmpty()) {
            return new Single(Count.ABSENT, null);
        }
        if (query.length() > MAX_LENGTH) {
            return new Single(Count.TOO_LONG, null);
        }
        String raw = null;
        int found = 0;
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String decodedName;
            try {
                decodedName = URLDecoder.decode(rawName, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                continue; // someone else's malformed parameter: not ours to judge
            }
            if (name.equals(decodedName)) {
                if (++found > 1) {
                    return new Single(Count.MANY, null);
                }
                raw = eq < 0 ? "" : pair.substring(eq + 1);
            }
        }
        if (found == 0) {
            return new Single(Count.ABSENT, null);
        }
        try {
            return new Single(Count.ONE, URLDecoder.decode(raw, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return new Single(Count.MALFORMED, null);
        }
    }
}
