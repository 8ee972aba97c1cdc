package com.eusate.login.internal.verify;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.exceptions.AlgorithmMismatchException;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.MissingClaimException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.eusate.login.internal.Keys;
import com.eusate.login.verify.RevocationStore;
import com.eusate.login.verify.SateTokenConfig;
import com.eusate.login.verify.VerifiedToken;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies a token as {@link com.eusate.login.SateTokenFilter} needs it: the key is chosen by {@code kid} from the
 * configured keys only, and that key fixes the algorithm; {@code exp}, {@code iat}, {@code iss},
 * {@code aud} and {@code sub} are required; unknown critical headers and claims given twice are
 * refused; revocations are checked last, on every call. This class is thread-safe.
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
    private static final JsonFactory STRICT_JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final Map<String, JWTVerifier> verifiers = new HashMap<>();
    private final RevocationStore revocations;
    private final Clock clock;
    private final long leewaySeconds;
    private final long maxTtlSeconds;
    /**
     * Keyed by the exact token text: another spelling of a token is a miss and is verified in full.
     * A hit is still checked for expiry and revocation, so the cache never outlives either.
     */
    private final ConcurrentHashMap<String, VerifiedToken> recent = new ConcurrentHashMap<>();

    public TokenVerifier(SateTokenConfig config) {
        Clock clock = config.get(TokenSettings.CLOCK);
        Duration leeway = config.get(TokenSettings.LEEWAY);
        for (Keys.VerificationKey key : config.get(TokenSettings.KEYS)) {
            verifiers.put(key.keyId(), ((JWTVerifier.BaseVerification) JWT.require(key.algorithm())
                    .withIssuer(config.get(TokenSettings.ISSUER))
                    .withAudience(config.get(TokenSettings.AUDIENCE))
                    .withClaimPresence("sub")
                    .withClaimPresence("iat")
                    .withClaimPresence("exp")
                    .acceptLeeway(leeway.toSeconds()))
                    .build(clock));
        }
        this.revocations = config.revocationStore();
        this.clock = clock;
        this.leewaySeconds = leeway.toSeconds();
        this.maxTtlSeconds = config.get(TokenSettings.MAX_TOKEN_TTL).toSeconds();
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
            if (clock.instant().getEpochSecond() > seen.expiresAt().getEpochSecond() + leewaySeconds) {
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

    private VerifiedToken verifyFully(String token) throws Rejected {
        if (!wellFormed(token)) {
            throw new Rejected(Failure.MALFORMED);
        }
        DecodedJWT jwt;
        try {
            jwt = JWT.decode(token);
        } catch (JWTDecodeException | IllegalArgumentException e) {
            throw new Rejected(Failure.MALFORMED);
        }
        if (hasRepeatedName(B64.decode(jwt.getPayload()))) {
            // a claim given twice ("sub":"alice","sub":"admin"): JWT libraries disagree on which wins
            throw new Rejected(Failure.MALFORMED);
        }
        if (!jwt.getHeaderClaim("crit").isMissing()) {
            throw new Rejected(Failure.UNSUPPORTED_HEADER); // we understand no extension: RFC 7515 4.1.11
        }
        com.auth0.jwt.interfaces.Claim kidClaim = jwt.getHeaderClaim("kid");
        // a kid that is not a string (a number, an object) names no configured key
        Object kid = kidClaim.isMissing() || kidClaim.isNull() ? null
                : kidClaim.asString() != null ? kidClaim.asString() : Boolean.FALSE;
        JWTVerifier verifier = verifierFor(kid);
        try {
            verifier.verify(jwt);
        } catch (AlgorithmMismatchException e) {
            throw new Rejected(Failure.BAD_ALGORITHM);
        } catch (SignatureVerificationException e) {
            throw new Rejected(Failure.BAD_SIGNATURE);
        } catch (TokenExpiredException e) {
            throw new Rejected(Failure.EXPIRED);
        } catch (IncorrectClaimException e) {
            String claim = e.getClaimName();
            throw new Rejected("iat".equals(claim) || "nbf".equals(claim) ? Failure.NOT_YET_VALID : Failure.WRONG_CLAIMS);
        } catch (MissingClaimException e) {
            throw new Rejected(Failure.WRONG_CLAIMS);
        } catch (JWTVerificationException e) {
            throw new Rejected(Failure.MALFORMED);
        }
        if (jwt.getSubject() == null || jwt.getSubject().isBlank()) {
            throw new Rejected(Failure.WRONG_CLAIMS);
        }
        if (jwt.getExpiresAtAsInstant().getEpochSecond() - jwt.getIssuedAtAsInstant().getEpochSecond()
                > maxTtlSeconds + leewaySeconds) {
            // revocations are kept only this long, so a longer-lived token could outlive its revocation
            throw new Rejected(Failure.LIVES_TOO_LONG);
        }
        return new VerifiedToken(jwt.getSubject(), jwt.getId(), jwt.getKeyId(),
                jwt.getIssuedAtAsInstant(), jwt.getExpiresAtAsInstant(), new LazyClaims(jwt));
    }

    /** The verifier of the configured key named by {@code kid}; without a kid only when one key exists. */
    private JWTVerifier verifierFor(Object kid) throws Rejected {
        if (kid == null && verifiers.size() == 1) {
            return verifiers.values().iterator().next();
        }
        JWTVerifier verifier = kid instanceof String s ? verifiers.get(s) : null;
        if (verifier == null) {
            throw new Rejected(Failure.UNKNOWN_KEY);
        }
        return verifier;
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

    private static boolean canonical(String s, int from, int to) {
        int length = to - from;
        if (length % 4 == 1) {
            return false;
        }
        int last = 0;
        for (int i = from; i < to; i++) {
            last = sextet(s.charAt(i));
            if (last < 0) {
                return false;
            }
        }
        return switch (length % 4) {
            case 2 -> (last & 0x0f) == 0;
            case 3 -> (last & 0x03) == 0;
            default -> true;
        };
    }

    private static int sextet(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : c == '_' ? 63 : -1;
    }

    /**
     * Whether the top-level JSON object names a member twice. One pass over bytes the JWT library has
     * already parsed as valid JSON, so only strings and nesting need tracking; a name written with
     * escapes (which could spell another name) goes to Jackson's strict parser instead.
     */
    public static boolean hasRepeatedName(byte[] json) {
        int depth = 0;
        int stringStart = -1;
        int lastStart = -1;
        int lastEnd = -1;
        List<int[]> names = new ArrayList<>(8);
        for (int i = 0; i < json.length; i++) {
            byte b = json[i];
            if (stringStart >= 0) {
                if (b == '\\') {
                    if (depth == 1) {
                        return strictlyRepeated(json);
                    }
                    i++;
                } else if (b == '"') {
                    lastStart = stringStart;
                    lastEnd = i;
                    stringStart = -1;
                }
            } else if (b == '"') {
                stringStart = i + 1;
            } else if (b == '{' || b == '[') {
                depth++;
            } else if (b == '}' || b == ']') {
                depth--;
            } else if (b == ':' && depth == 1) {
                for (int[] seen : names) {
                    if (Arrays.equals(json, seen[0], seen[1], json, lastStart, lastEnd)) {
                        return true;
                    }
                }
                names.add(new int[] {lastStart, lastEnd});
            }
        }
        return false;
    }

    private static boolean strictlyRepeated(byte[] json) {
        try (JsonParser parser = STRICT_JSON.createParser(json)) {
            while (parser.nextToken() != null) {
                // reading every token is the check
            }
            return false;
        } catch (java.io.IOException e) {
            return true;
        }
    }

    List<String> keyIds() {
        return List.copyOf(verifiers.keySet());
    }
}
