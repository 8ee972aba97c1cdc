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
    public record Found(String token, byte[] body) {
        @Override
        public String toString() {
            return "Found[token=" + (token == null ? "none" : "(redacted)") + "]";
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
            case HEADER -> new Found(fromHeader(request), null);
            case QUERY -> new Found(withPrefix(QueryString.single(request.getQueryString(), name)), null);
            case BODY -> fromBody(request);
        };
    }

    private String fromHeader(HttpServletRequest request) {
        List<String> values = Collections.list(request.getHeaders(name));
        if (values.size() != 1) {
            return null; // absent, or sent twice: ambiguous
        }
        return stripPrefix(values.get(0).strip());
    }

    private String withPrefix(QueryString.Single single) {
        return single.count() == QueryString.Count.ONE ? stripPrefix(single.value()) : null;
    }

    /** The token after the configured prefix (matched case-insensitively, as HTTP auth schemes are). */
    public String stripPrefix(String value) {
        if (!value.regionMatches(true, 0, prefix, 0, prefix.length())) {
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
            return new Found(null, null);
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
        String token = json ? fromJson(body)
                : withPrefix(QueryString.single(new String(body, StandardCharsets.ISO_8859_1), name));
        return new Found(token, body);
    }

    public String fromJson(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            JsonNode value = node == null || !node.isObject() ? null : node.get(name);
            return value != null && value.isTextual() ? stripPrefix(value.asText()) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
