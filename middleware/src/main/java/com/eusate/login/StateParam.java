package com.eusate.login;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Finds and validates Sate's {@code state} in a raw query string. It never calls
 * {@code getParameter()}, which would read (and consume) a POSTed form body that belongs to the app.
 */
final class StateParam {

    static final int MAX_LENGTH = 512;
    /** Longer query strings are not parsed at all: a Sate login link is short. */
    static final int MAX_QUERY_LENGTH = 8 * 1024;

    private static final String NAME = "state";

    private StateParam() {
    }

    /** The outcome of looking for the state in a query string. */
    enum Status { ABSENT, VALID, INVALID }

    record Result(Status status, String value, String reason) {
        static final Result ABSENT = new Result(Status.ABSENT, null, null);

        static Result invalid(String reason) {
            return new Result(Status.INVALID, null, reason);
        }

        @Override
        public String toString() {
            return "StateParam.Result[" + status + (reason == null ? "" : ", " + reason) + "]";
        }
    }

    static Result fromQuery(String query) {
        if (query == null || query.isEmpty()) {
            return Result.ABSENT;
        }
        if (query.length() > MAX_QUERY_LENGTH) {
            return Result.invalid("query string longer than " + MAX_QUERY_LENGTH + " characters");
        }
        String found = null;
        int count = 0;
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String name;
            try {
                name = URLDecoder.decode(rawName, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                continue; // someone else's malformed parameter: not ours to judge
            }
            if (!NAME.equals(name)) {
                continue;
            }
            count++;
            if (count > 1) {
                return Result.invalid("state given more than once");
            }
            found = eq < 0 ? "" : pair.substring(eq + 1);
        }
        if (count == 0) {
            return Result.ABSENT;
        }
        String value;
        try {
            value = URLDecoder.decode(found, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Result.invalid("state has a malformed percent-encoding");
        }
        String reason = problem(value);
        return reason == null ? new Result(Status.VALID, value, null) : Result.invalid(reason);
    }

    /** Why {@code value} is not an acceptable state, or null when it is. */
    static String problem(String value) {
        if (value == null || value.isEmpty()) {
            return "state is empty";
        }
        if (value.length() > MAX_LENGTH) {
            return "state longer than " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < value.length(); i++) {
            if (!allowed(value.charAt(i))) {
                return "state contains a character outside the allowed set at index " + i;
            }
        }
        return null;
    }

    static boolean isValid(String value) {
        return problem(value) == null;
    }

    private static boolean allowed(char c) {
        // visible ASCII (which already excludes space and control characters)
        if (c < 0x21 || c > 0x7e) {
            return false;
        }
        return switch (c) {
            case '"', '\'', '<', '>', '\\', ';', ',' -> false;
            default -> true;
        };
    }
}
