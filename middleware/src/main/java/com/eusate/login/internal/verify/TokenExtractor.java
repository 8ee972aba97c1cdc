package com.eusate.login.internal.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.eusate.login.internal.QueryString;
import com.eusate.login.verify.SateTokenConfig;
import com.eusate.login.verify.TokenLocation;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Finds the token where the integrator told Sate to put it: a header, the query or the body. */
public final class TokenExtractor {

    /** The token found (null when absent or ambiguous), and the body if it had to be read. */
    /**
     * What the request carries: {@code token} when exactly one usable token was found; {@code present}
     * when anything in the token's place was sent at all (a token, an empty or doubled one, a
     * non-string JSON value), which is then never passed on as "no token".
     */
    public record Found(String token, byte[] body, boolean present) {
        static Found none(byte[] body) {
            return new Found(null, body, false);
        }

        static Found of(String token, byte[] body) {
            return new Found(token, body, true);
        }

        @Override
        public String toString() {
            return "Found[token=" + (token == null ? (present ? "unusable" : "none") : "(redacted)") + "]";
        }
    }

    /** The body is larger than the configured limit. */
    public static final class TooLarge extends Exception {
        TooLarge() {
            super("request body too large", null, false, false);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TokenLocation location;
    private final String name;
    private final String prefix;
    private final int maxBodyBytes;

    public TokenExtractor(SateTokenConfig config) {
        this.location = config.get(TokenSettings.TOKEN_LOCATION);
        this.name = config.get(TokenSettings.TOKEN_NAME);
        this.prefix = config.get(TokenSettings.TOKEN_PREFIX);
        this.maxBodyBytes = config.get(TokenSettings.MAX_BODY_BYTES);
    }

    public Found extract(HttpServletRequest request) throws IOException, TooLarge {
        return switch (location) {
            case HEADER -> fromHeader(request);
            case QUERY -> fromParameter(QueryString.single(request.getQueryString(), name), null);
            case BODY -> fromBody(request);
        };
    }

    private Found fromHeader(HttpServletRequest request) {
        List<String> values = Collections.list(request.getHeaders(name));
        if (values.isEmpty()) {
            return Found.none(null);
        }
        if (values.size() > 1) {
            return Found.of(null, null); // sent twice: ambiguous
        }
        String value = values.get(0).strip();
        if (!hasPrefix(value) && !value.equalsIgnoreCase(prefix.strip())) {
            // another scheme in a shared header (Authorization: Basic ...) is the app's, not a Sate token
            return Found.none(null);
        }
        return Found.of(stripPrefix(value), null);
    }

    private Found fromParameter(QueryString.Single single, byte[] body) {
        return switch (single.count()) {
            case ABSENT -> Found.none(body);
            case ONE -> Found.of(stripPrefix(single.value()), body);
            default -> Found.of(null, body); // twice, malformed, or a query too long to look through
        };
    }

    private boolean hasPrefix(String value) {
        return value.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    /** The token after the configured prefix (matched case-insensitively, as HTTP auth schemes are). */
    public String stripPrefix(String value) {
        if (!hasPrefix(value)) {
            return null;
        }
        String token = value.substring(prefix.length()).strip();
        return token.isEmpty() ? null : token;
    }

    private Found fromBody(HttpServletRequest request) throws IOException, TooLarge {
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        boolean json = type.startsWith("application/json") || type.matches("application/[^;]+\\+json.*");
        boolean form = VerifiedRequest.isForm(type);
        if (!json && !form) {
            return Found.none(null);
        }
        if (request.getContentLengthLong() > maxBodyBytes) {
            throw new TooLarge();
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(maxBodyBytes + 1);
        }
        if (body.length > maxBodyBytes) {
            throw new TooLarge();
        }
        if (form) {
            return fromParameter(QueryString.single(new String(body, StandardCharsets.ISO_8859_1), name), body);
        }
        JsonNode value = jsonField(body);
        if (value == null || value.isNull()) {
            return Found.none(body);
        }
        return Found.of(value.isTextual() ? stripPrefix(value.asText()) : null, body);
    }

    /** The token in a JSON body, or null. */
    public String fromJson(byte[] body) {
        JsonNode value = jsonField(body);
        return value != null && value.isTextual() ? stripPrefix(value.asText()) : null;
    }

    private JsonNode jsonField(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null || !node.isObject() ? null : node.get(name);
        } catch (IOException e) {
            return null;
        }
    }
}
