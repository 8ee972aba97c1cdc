package com.eusate.login.verify;

/**
 * Where Sate puts the token when it calls a function: the "Authorization Location" setting of Sate's
 * DevSpace. Set with {@link SateTokenConfig.Builder#tokenLocation}. Immutable and thread-safe.
 */
public enum TokenLocation {
    /** A request header, by default {@code Authorization: Bearer <token>}. */
    HEADER,
    /** A query-string parameter, by default {@code ?token=<token>}. */
    QUERY,
    /** A field of a JSON or form body, by default {@code token}; the body stays readable for the app. */
    BODY;

    static TokenLocation parse(String name, String value) {
        for (TokenLocation l : values()) {
            if (l.name().equalsIgnoreCase(value)) {
                return l;
            }
        }
        throw new IllegalArgumentException(name + " must be header, query or body, but was [" + value + "]");
    }
}
