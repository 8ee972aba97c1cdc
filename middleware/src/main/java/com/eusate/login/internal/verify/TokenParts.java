package com.eusate.login.internal.verify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The header and claims of a compact JWS, read in one streaming pass over each decoded part: the
 * values the verifier checks are taken as they go by, and a member named twice anywhere (however
 * its name is escaped) ends the parse, because JWT libraries disagree on which one wins. Everything
 * else is skipped unread; {@link LazyClaims} converts it only if the app asks. Not thread-safe; one
 * per token.
 */
final class TokenParts {

    /** Thrown for a part that is not a JSON object of the expected shape. */
    static final class Malformed extends Exception {
        Malformed() {
            super("malformed", null, false, false);
        }
    }

    private static final JsonFactory STRICT_JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** The decoded claims, for {@link LazyClaims}. */
    final byte[] payload;
    // header
    String alg;
    String kid;
    /** A {@code kid} that is present but not a string (a number, an object) names no configured key. */
    boolean kidNotAString;
    boolean crit;
    // claims; a time claim that is absent or null stays null
    String iss;
    List<String> aud = List.of();
    boolean audOk = true;
    String sub;
    String jti;
    Long exp;
    Long iat;
    Long nbf;

    private TokenParts(byte[] payload) {
        this.payload = payload;
    }

    static TokenParts parse(byte[] header, byte[] payload) throws Malformed {
        TokenParts parts = new TokenParts(payload);
        try (JsonParser p = STRICT_JSON.createParser(header)) {
            expectObject(p);
            for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                JsonToken value = p.nextToken();
                switch (name) {
                    case "alg" -> parts.alg = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "kid" -> {
                        parts.kid = text(p, value);
                        parts.kidNotAString = value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL;
                    }
                    case "crit" -> parts.crit = true;
                    default -> { }
                }
                p.skipChildren();
            }
            expectEnd(p);
        } catch (IOException e) {
            throw new Malformed();
        }
        try (JsonParser p = STRICT_JSON.createParser(payload)) {
            expectObject(p);
            for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                JsonToken value = p.nextToken();
                switch (name) {
                    case "iss" -> parts.iss = text(p, value);
                    case "sub" -> parts.sub = text(p, value);
                    case "jti" -> {
                        if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
                            throw new Malformed(); // the id revocations go by must be unambiguous
                        }
                        parts.jti = text(p, value);
                    }
                    case "aud" -> parts.audiences(p, value);
                    case "exp" -> parts.exp = seconds(p, value);
                    case "iat" -> parts.iat = seconds(p, value);
                    case "nbf" -> parts.nbf = seconds(p, value);
                    default -> { }
                }
                p.skipChildren();
            }
            expectEnd(p);
        } catch (IOException e) {
            throw new Malformed();
        }
        return parts;
    }

    private void audiences(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            aud = List.of(p.getText());
        } else if (value == JsonToken.START_ARRAY) {
            List<String> all = new ArrayList<>(2);
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t == JsonToken.VALUE_STRING) {
                    all.add(p.getText());
                } else {
                    audOk = false;
                    p.skipChildren();
                }
            }
            aud = all;
        } else {
            audOk = value == JsonToken.VALUE_NULL;
        }
    }

    private static String text(JsonParser p, JsonToken value) throws IOException {
        return value == JsonToken.VALUE_STRING ? p.getText() : null;
    }

    /** The last second of the year 9999: later NumericDates are not dates anyone issues. */
    private static final long LATEST = 253_402_300_799L;

    /**
     * A NumericDate: whole seconds from 1970 to 9999 (a fraction is dropped, as java-jwt drops it);
     * null if null; anything else is malformed.
     */
    private static Long seconds(JsonParser p, JsonToken value) throws IOException, Malformed {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        double seconds = value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT
                ? p.getDoubleValue() : Double.NaN;
        if (!(seconds >= 0 && seconds <= LATEST)) {
            throw new Malformed();
        }
        return value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : (long) seconds;
    }

    private static void expectObject(JsonParser p) throws IOException, Malformed {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new Malformed();
        }
    }

    /** Nothing may follow the object: {@code {...}{...}} is not one JSON value. */
    private static void expectEnd(JsonParser p) throws IOException, Malformed {
        if (p.nextToken() != null) {
            throw new Malformed();
        }
    }
}
