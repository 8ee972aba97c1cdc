package com.eusate.login.internal.verify;

import com.auth0.jwt.exceptions.SignatureGenerationException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.eusate.login.internal.Keys;
import com.eusate.login.verify.RevocationStore;
import com.eusate.login.verify.SateTokenConfig;
import com.eusate.login.verify.VerifiedToken;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies a token as {@link com.eusate.login.SateTokenFilter} needs it: the key is chosen by {@code kid} from the
 * configured keys only, and that key fixes the algorithm; {@code exp}, {@code iat}, {@code iss},
 * {@code aud} and {@code sub} are required; the JSON is read as {@link TokenParts} says (strict UTF-8,
 * each claim of its one type, nothing named twice, no {@code crit}, {@code b64}, {@code cty} and no
 * header that names or carries a key); the
 * time rules are exact ({@link #checkTimes}); revocations are checked last, on every call. This class
 * is thread-safe.
 */
public final class TokenVerifier {

    /** Longer tokens are refused before any parsing. */
    public static final int MAX_TOKEN_LENGTH = 8 * 1024;
    /** Tokens verified recently, so that Sate's repeated calls with one token skip the signature. */
    public static final int MAX_CACHED = 10_000;
    /** Longer tokens are verified every time rather than held in memory. */
    static final int MAX_CACHED_LENGTH = 2 * 1024;

    /** Why a token was refused: for logs and metrics, never for the client. */
    public enum Failure { MISSING, MALFORMED, UNSUPPORTED_HEADER, UNKNOWN_KEY, BAD_ALGORITHM, BAD_SIGNATURE, EXPIRED,
        NOT_YET_VALID, WRONG_CLAIMS, LIVES_TOO_LONG, REVOKED }

    /** Thrown for a refused token; carries only the reason. */
    public static final class Rejected extends Exception {
        public final Failure failure;

        Rejected(Failure failure) {
            super(failure.name(), null, false, false);
            this.failure = failure;
        }
    }

    private static final Base64.Decoder B64 = Base64.getUrlDecoder();

    private final Map<String, Keys.VerificationKey> keys = new HashMap<>();
    private final String issuer;
    private final String audience;
    private final RevocationStore revocations;
    private final Clock clock;
    private final Duration leewayDuration;
    private final BigDecimal leeway;
    private final BigDecimal maxTtl;
    /**
     * Keyed by the exact token text: another spelling of a token is a miss and is verified in full.
     * A hit is still checked for expiry and revocation, so the cache never outlives either.
     */
    private final ConcurrentHashMap<String, VerifiedToken> recent = new ConcurrentHashMap<>();

    public TokenVerifier(SateTokenConfig config) {
        Clock clock = config.get(TokenSettings.CLOCK);
        Duration leeway = config.get(TokenSettings.LEEWAY);
        for (Keys.VerificationKey key : config.get(TokenSettings.KEYS)) {
            keys.put(key.keyId(), key);
        }
        this.issuer = config.get(TokenSettings.ISSUER);
        this.audience = config.get(TokenSettings.AUDIENCE);
        this.revocations = config.revocationStore();
        this.clock = clock;
        this.leewayDuration = leeway;
        this.leeway = seconds(leeway);
        this.maxTtl = seconds(config.get(TokenSettings.MAX_TOKEN_TTL));
    }

    public VerifiedToken verify(String token) throws Rejected {
        if (token == null || token.isEmpty()) {
            throw new Rejected(Failure.MISSING);
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new Rejected(Failure.MALFORMED);
        }
        VerifiedToken seen = recent.get(token);
        if (seen != null) {
            if (!clock.instant().isBefore(seen.expiresAt().plus(leewayDuration))) {
                recent.remove(token);
                throw new Rejected(Failure.EXPIRED);
            }
            if (revocations.isRevoked(seen)) {
                throw new Rejected(Failure.REVOKED);
            }
            return seen;
        }
        VerifiedToken verified = verifyFully(token);
        if (token.length() <= MAX_CACHED_LENGTH) {
            if (recent.size() >= MAX_CACHED) {
                recent.clear(); // rare, and cheaper than tracking age: the live tokens come back at once
            }
            recent.put(token, verified);
        }
        if (revocations.isRevoked(verified)) {
            throw new Rejected(Failure.REVOKED);
        }
        return verified;
    }

    /**
     * One pass: the canonical-encoding scan, one decode of each part, one streaming parse of each
     * (which also refuses repeated names), java-jwt's algorithm for the signature only, then the
     * claims. The reasons come in the order java-jwt would give them.
     */
    private VerifiedToken verifyFully(String token) throws Rejected {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        // what wellFormed checks, in fewer steps: the decoder refuses any letter outside base64url in
        // the header and the claims, so only their padding and last letter are left to check here
        if (second < 0 || token.indexOf('.', second + 1) >= 0 || !decodable(token, 0, first)
                || !decodable(token, first + 1, second) || !canonical(token, second + 1, token.length())) {
            throw new Rejected(Failure.MALFORMED);
        }
        byte[] ascii = token.getBytes(StandardCharsets.ISO_8859_1);
        TokenParts parts;
        try {
            parts = TokenParts.parse(decode(ascii, 0, first), decode(ascii, first + 1, second));
        } catch (TokenParts.Malformed | IllegalArgumentException e) {
            throw new Rejected(Failure.MALFORMED);
        }
        if (parts.unsupportedHeader) {
            throw new Rejected(Failure.UNSUPPORTED_HEADER);
        }
        if (parts.alg == null) {
            throw new Rejected(Failure.MALFORMED); // RFC 7515 4.1.1: alg is required
        }
        Keys.VerificationKey key = keyFor(parts);
        if (!key.algorithm().getName().equals(parts.alg)) {
            throw new Rejected(Failure.BAD_ALGORITHM); // the key fixes the algorithm, never the token
        }
        try {
            key.algorithm().verify(new SignedParts(token, first, second, parts.kid));
        } catch (SignatureVerificationException | SignatureGenerationException | IllegalArgumentException e) {
            throw new Rejected(Failure.BAD_SIGNATURE);
        }
        if (parts.exp == null || parts.iat == null || parts.sub == null || parts.sub.isBlank()) {
            throw new Rejected(Failure.WRONG_CLAIMS);
        }
        checkTimes(parts);
        if (!issuer.equals(parts.iss) || !parts.aud.contains(audience)) {
            throw new Rejected(Failure.WRONG_CLAIMS);
        }
        return new VerifiedToken(parts.sub, parts.jti, key.keyId(), instant(parts.iat), instant(parts.exp),
                new LazyClaims(parts.payload));
    }

    /**
     * The time rules, on the NumericDates exactly as written and the clock to the nanosecond: valid
     * while {@code now < exp + leeway}, from {@code nbf - leeway <= now} and {@code iat <= now + leeway},
     * and for at most {@code exp - iat <= max-token-ttl}.
     */
    private void checkTimes(TokenParts parts) throws Rejected {
        BigDecimal now = seconds(clock.instant());
        if (now.compareTo(parts.exp.add(leeway)) >= 0) {
            throw new Rejected(Failure.EXPIRED);
        }
        if (parts.iat.compareTo(now.add(leeway)) > 0
                || (parts.nbf != null && parts.nbf.subtract(leeway).compareTo(now) > 0)) {
            throw new Rejected(Failure.NOT_YET_VALID);
        }
        if (parts.exp.subtract(parts.iat).compareTo(maxTtl) > 0) {
            // revocations are kept only this long, so a longer-lived token could outlive its revocation
            throw new Rejected(Failure.LIVES_TOO_LONG);
        }
    }

    private static BigDecimal seconds(Instant instant) {
        return BigDecimal.valueOf(instant.getEpochSecond()).add(BigDecimal.valueOf(instant.getNano(), 9));
    }

    private static BigDecimal seconds(Duration duration) {
        return BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9));
    }

    /** A NumericDate of at most nine decimals, as an Instant. */
    private static Instant instant(BigDecimal seconds) {
        long whole = seconds.longValue();
        return Instant.ofEpochSecond(whole, seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue());
    }

    /** The configured key the token names by {@code kid}; without a kid only when one key exists. */
    private Keys.VerificationKey keyFor(TokenParts parts) throws Rejected {
        if (parts.kid == null && keys.size() == 1) {
            return keys.values().iterator().next();
        }
        Keys.VerificationKey key = parts.kid == null ? null : keys.get(parts.kid);
        if (key == null) {
            throw new Rejected(Failure.UNKNOWN_KEY);
        }
        return key;
    }

    /**
     * Three parts in canonical base64url: only the 64 letters, no padding, and no stray bits in the
     * last character. Lenient decoders map several spellings to one signature; we accept one.
     */
    public static boolean wellFormed(String token) {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (second < 0 || token.indexOf('.', second + 1) >= 0) {
            return false;
        }
        return canonical(token, 0, first) && canonical(token, first + 1, second)
                && canonical(token, second + 1, token.length());
    }

    /** Decodes a part of the token's bytes without copying it out first. */
    private static byte[] decode(byte[] ascii, int from, int to) {
        ByteBuffer decoded = B64.decode(ByteBuffer.wrap(ascii, from, to - from));
        byte[] bytes = decoded.array();
        return decoded.remaining() == bytes.length ? bytes : Arrays.copyOf(bytes, decoded.remaining());
    }

    /**
     * A part that is canonical base64url if its letters are: no padding, a possible length, and no
     * stray bits in the last letter. (The decoder then refuses any letter outside the alphabet.)
     */
    private static boolean decodable(String s, int from, int to) {
        int length = to - from;
        int padding = s.indexOf('=', from);
        if (length == 0 || length % 4 == 1 || (padding >= 0 && padding < to)) {
            return false;
        }
        char c = s.charAt(to - 1);
        int last = c < SEXTET.length ? SEXTET[c] : -1;
        return last >= 0 && noStrayBits(last, length);
    }

    private static boolean canonical(String s, int from, int to) {
        int length = to - from;
        if (length % 4 == 1) {
            return false;
        }
        int last = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= SEXTET.length || (last = SEXTET[c]) < 0) {
                return false;
            }
        }
        return noStrayBits(last, length);
    }

    /** The last letter of a part of {@code length} letters carries no bits beyond the encoded bytes. */
    private static boolean noStrayBits(int last, int length) {
        return switch (length % 4) {
            case 2 -> (last & 0x0f) == 0;
            case 3 -> (last & 0x03) == 0;
            default -> true;
        };
    }

    /** The value of each base64url letter, -1 for anything else: one array read a character. */
    private static final byte[] SEXTET = new byte[128];

    static {
        java.util.Arrays.fill(SEXTET, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < alphabet.length(); i++) {
            SEXTET[alphabet.charAt(i)] = (byte) i;
        }
    }

    List<String> keyIds() {
        return List.copyOf(keys.keySet());
    }
}
