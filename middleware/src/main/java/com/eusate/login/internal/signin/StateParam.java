package com.eusate.login.internal.signin;

import com.eusate.login.internal.QueryString;

/** Finds and validates Sate's {@code state} in a raw query string (DESIGN section 3). */
public final class StateParam {

    public static final int MAX_LENGTH = 512;

    private static final String NAME = "state";

    private StateParam() {
    }

    /** The outcome of looking for the state in a query string. */
    public enum Status { ABSENT, VALID, INVALID }

    public record Result(Status status, String value, String reason) {
        static final Result ABSENT = new Result(Status.ABSENT, null, null);

        static Result invalid(String reason) {
            return new Result(Status.INVALID, null, reason);
        }

        @Override
        public String toString() {
            return "StateParam.Result[" + status + (reason == null ? "" : ", " + reason) + "]";
        }
    }

    public static Result fromQuery(String query) {
        QueryString.Single found = QueryString.single(query, NAME);
        return switch (found.count()) {
            case ABSENT -> Result.ABSENT;
            case TOO_LONG -> Result.invalid("query string longer than " + QueryString.MAX_LENGTH + " characters");
            case MANY -> Result.invalid("state given more than once");
            case MALFORMED -> Result.invalid("state has a malformed percent-encoding");
            case ONE -> {
                String reason = problem(found.value());
                yield reason == null ? new Result(Status.VALID, found.value(), null) : Result.invalid(reason);
            }
        };
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
