package com.eusate.login.internal.verify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The header and claims of a compact JWS, read in one streaming pass over each decoded part. Each
 * part must be strict UTF-8 (no malformed or overlong sequence, no encoded surrogate, no byte-order
 * mark), and is parsed from its characters, so that no other encoding is ever guessed. Every string
 * and member name is checked for unpaired surrogates, and every number must fit a double (I-JSON,
 * RFC 7493); a member named twice anywhere (however its
 * name is escaped) ends the parse, because JWT libraries disagree on which one wins. The values the
 * verifier checks are taken as they go by, each with its one allowed JSON type: {@code null} is never
 * taken for absent. Not thread-safe; one per token.
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
    /** Absent is null; present, it is a string. */
    String kid;
    /**
     * A header member we do not accept: one that changes how the token must be read ({@code crit},
     * {@code b64}, {@code cty}) or names or carries a key ({@code jku}, {@code jwk}, {@code x5u}, {@code x5c}).
     */
    boolean unsupportedHeader;
    // claims: absent is null; present, each has its one JSON type
    String iss;
    List<String> aud = List.of();
    String sub;
    String jti;
    BigDecimal exp;
    BigDecimal iat;
    BigDecimal nbf;

    private TokenParts(byte[] payload) {
        this.payload = payload;
    }

    static TokenParts parse(byte[] header, byte[] payload) throws Malformed {
        TokenParts parts = new TokenParts(payload);
        try (JsonParser p = parser(header)) {
            expectObject(p);
            for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                checkText(name);
                JsonToken value = p.nextToken();
                switch (name) {
                    case "alg" -> parts.alg = string(p, value);
                    case "kid" -> parts.kid = string(p, value);
                    // RFC 7519 5.1: typ, when present, says this is a JWT
                    case "typ" -> {
                        if (!"JWT".equalsIgnoreCase(string(p, value))) {
                            throw new Malformed();
                        }
                    }
                    // we understand no extension (RFC 7515 4.1.11), no unencoded payload (RFC 7797) and no
                    // nested token (RFC 7519 5.2): whatever their value, these change what the token means;
                    // and no key comes from the token (RFC 8725 3.10), so one that names or carries a key
                    // is not ours: our issuer never writes these
                    case "crit", "b64", "cty", "jku", "jwk", "x5u", "x5c" -> {
                        parts.unsupportedHeader = true;
                        skip(p, value);
                    }
                    default -> skip(p, value);
                }
            }
            expectEnd(p);
        } catch (IOException e) {
            throw new Malformed();
        }
        try (JsonParser p = parser(payload)) {
            expectObject(p);
            for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                checkText(name);
                JsonToken value = p.nextToken();
                switch (name) {
                    case "iss" -> parts.iss = string(p, value);
                    case "sub" -> parts.sub = string(p, value);
                    case "jti" -> parts.jti = string(p, value);
                    case "aud" -> parts.aud = audiences(p, value);
                    case "exp" -> parts.exp = numericDate(p, value);
                    case "iat" -> parts.iat = numericDate(p, value);
                    case "nbf" -> parts.nbf = numericDate(p, value);
                    default -> skip(p, value);
                }
            }
            expectEnd(p);
        } catch (IOException e) {
            throw new Malformed();
        }
        return parts;
    }

    /**
     * A parser over the part's characters, decoded as strict UTF-8: the JDK's decoder refuses
     * malformed and overlong sequences and encoded surrogates, and parsing characters rather than
     * bytes keeps Jackson from detecting UTF-16 or UTF-32.
     */
    private static JsonParser parser(byte[] part) throws IOException, Malformed {
        CharBuffer text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(part));
        } catch (CharacterCodingException e) {
            throw new Malformed();
        }
        if (text.hasRemaining() && text.get(text.position()) == '\uFEFF') {
            throw new Malformed(); // RFC 8259 8.1: no byte-order mark
        }
        return STRICT_JSON.createParser(text.array(), text.arrayOffset() + text.position(), text.remaining());
    }

    private static List<String> audiences(JsonParser p, JsonToken value) throws IOException, Malformed {
        if (value == JsonToken.VALUE_STRING) {
            return List.of(string(p, value));
        }
        if (value != JsonToken.START_ARRAY) {
            throw new Malformed();
        }
        List<String> all = new ArrayList<>(2);
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            all.add(string(p, t));
        }
        return all;
    }

    /** A string value; any other type, {@code null} included, is malformed. */
    private static String string(JsonParser p, JsonToken value) throws IOException, Malformed {
        if (value != JsonToken.VALUE_STRING) {
            throw new Malformed();
        }
        return checkText(p.getText());
    }

    /** Walks a value we do not use, checking its strings and names as everywhere else. */
    private static void skip(JsonParser p, JsonToken value) throws IOException, Malformed {
        int depth = 0;
        for (JsonToken t = value; ; t = p.nextToken()) {
            switch (t) {
                case START_OBJECT, START_ARRAY -> depth++;
                case END_OBJECT, END_ARRAY -> depth--;
                case FIELD_NAME -> checkText(p.currentName());
                case VALUE_STRING -> checkText(p.getText());
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                    if (Double.isInfinite(p.getDoubleValue())) {
                        throw new Malformed(); // RFC 7493 2.2: no number beyond what a double holds
                    }
                }
                default -> { }
            }
            if (depth == 0) {
                return;
            }
        }
    }

    /** JSON escapes can spell half a surrogate pair, which is no character: refused (RFC 8259 8.2). */
    private static String checkText(String text) throws Malformed {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new Malformed();
            }
        }
        return text;
    }

    /** The last second of the year 9999: later NumericDates are not dates anyone issues. */
    private static final BigDecimal LATEST = BigDecimal.valueOf(253_402_300_799L);

    /** Finer than a nanosecond is finer than any clock: such a fraction is refused, not rounded. */
    private static final int MAX_DECIMALS = 9;

    /**
     * A NumericDate, exactly as written (a fraction is kept): a JSON number from 0 (1970) to the end
     * of 9999 with at most nine decimals. Anything else, {@code null} included, is malformed. Jackson
     * refuses numbers of more than 1,000 characters before they are converted.
     */
    private static BigDecimal numericDate(JsonParser p, JsonToken value) throws IOException, Malformed {
        if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NUMBER_FLOAT) {
            throw new Malformed();
        }
        BigDecimal seconds = p.getDecimalValue();
        if (seconds.signum() < 0 || seconds.compareTo(LATEST) > 0) {
            throw new Malformed();
        }
        seconds = seconds.stripTrailingZeros();
        if (seconds.scale() > MAX_DECIMALS) {
            throw new Malformed();
        }
        return seconds;
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
