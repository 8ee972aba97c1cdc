package com.eusate.login.internal.signin;

import com.eusate.login.internal.Hmac;
import com.eusate.login.internal.RateLimitedLog;
import com.eusate.login.internal.Redact;
import com.eusate.login.internal.signin.Attempt.Phase;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Keeps the browser's one pending Sate login in a single HMAC-signed cookie named {@value #NAME}: the
 * state, when it was captured and expires, whether it is still open or was allowed or denied, and a
 * keyed tag of the customer it was first shown to. Nothing is stored on the server for anonymous
 * requests, the attempt survives the app replacing its session at login, and any node of a cluster
 * can read it. One name means a newer capture replaces the older one, so the cookie bytes a browser
 * holds stay bounded however many links it opens at once; a second cookie of that name can only have
 * been tossed in from elsewhere, and makes both unusable. This class is thread-safe.
 */
public final class AttemptCookie {

    public static final String NAME = "sate_login";
    /**
     * The name used over https at the root path: browsers take a {@code __Host-} cookie only from a
     * secure page of this very host with {@code Path=/} and no {@code Domain}, so no sibling subdomain
     * and no http page can toss one in (RFC 6265bis 4.1.3.2).
     */
    static final String HOST_NAME = "__Host-" + NAME;
    /**
     * What replaces our cookie when a request carries two attempts: it counts as one, so that the
     * other cannot be used alone on a later request while it may still be valid.
     */
    static final String VOID = "void";
    /** The refusal reason, and its log budget, of a request with two attempts. */
    private static final String AMBIGUOUS = "ambiguous";

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final int TAG_LENGTH = 22;
    /**
     * created (13) + expires (13) + id (22) + phase (1) + tag (22) + base64 of a 512-char state (683)
     * + MAC (43) + 6 dots = 803, with room for longer millisecond counts.
     */
    private static final int MAX_VALUE = 820;
    /** Foreign or broken {@code sate_login*} cookies cleared per response; the rest are only ignored. */
    static final int MAX_CLEARED = 2;
    /**
     * How long the cookie outlives its state: a customer who signs in after the state expired is told
     * that the link expired, instead of nothing at all; a decided attempt's outcome page still shows.
     */
    static final Duration GRACE = Duration.ofHours(1);
    /** A cookie name we may echo in a Set-Cookie header to clear it. */
    private static final Pattern CLEARABLE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Hmac cookieMac;
    private final Hmac subjectTag;
    private final Duration ttl;
    private final Clock clock;
    private final boolean alwaysSecure;
    /** Refusals by reason (a handful of fixed texts), each at most 10 lines a minute. */
    private final Map<String, RateLimitedLog> refusals = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    public AttemptCookie(Hmac cookieMac, Hmac subjectTag, Duration ttl, Clock clock, boolean alwaysSecure) {
        this.cookieMac = cookieMac;
        this.subjectTag = subjectTag;
        this.ttl = ttl;
        this.clock = clock;
        this.alwaysSecure = alwaysSecure;
    }

    /** Cheap test used on every request: could this request carry an attempt (or a cookie to clear)? */
    static boolean mayCarry(HttpServletRequest request) {
        // one header: HTTP/2 servers join a browser's several cookie fields into one (RFC 9113, 8.2.3)
        String header = request.getHeader("Cookie");
        return header != null && header.contains(NAME);
    }

    /** A new open attempt for {@code state}, replacing whatever this browser had. */
    Attempt capture(String state, HttpServletRequest request, HttpServletResponse response) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Attempt attempt = new Attempt(B64.encodeToString(id), state, now, now.plus(ttl), Phase.OPEN, "");
        write(request, response, attempt);
        return attempt;
    }

    /** Writes the same attempt, now tied to {@code subject}: only that customer may decide it. */
    void bind(HttpServletRequest request, HttpServletResponse response, Attempt attempt, String subject) {
        write(request, response, new Attempt(attempt.id(), attempt.state(), attempt.createdAt(), attempt.expiresAt(),
                attempt.phase(), tagOf(subject)));
    }

    /** The same attempt, decided by {@code subject}; kept until it expires so that Back can say so. */
    void decided(HttpServletRequest request, HttpServletResponse response, Attempt attempt, String subject,
                 boolean allowed) {
        write(request, response, new Attempt(attempt.id(), attempt.state(), attempt.createdAt(),
                attempt.expiresAt(), allowed ? Phase.ALLOWED : Phase.DENIED, tagOf(subject)));
    }

    /** Whether the attempt's state has passed {@code state-ttl}: it can only be told as expired now. */
    boolean hasExpired(Attempt attempt) {
        return !clock.instant().isBefore(attempt.expiresAt());
    }

    boolean isBoundTo(Attempt attempt, String subject) {
        return attempt.isBound() && MessageDigest.isEqual(attempt.boundTag().getBytes(StandardCharsets.US_ASCII),
                tagOf(subject).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * This request's attempt: its one valid cookie of {@link #nameFor this request's name}. Cookies
     * that are expired, tampered, malformed or of another name starting with {@value #NAME} are
     * ignored; a few of them are cleared from the browser and refusals are logged at a bounded rate,
     * by fingerprint only. Two or more valid ones (or one beside our {@link #VOID} marker) are
     * ambiguous: the browser holds one set by another subdomain or an http page, and cannot say which
     * is ours. None is used, and our cookie becomes the marker until any attempt now valid has expired.
     */
    Optional<Attempt> read(HttpServletRequest request, HttpServletResponse response) {
        if (!mayCarry(request)) {
            return Optional.empty();
        }
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        String ours = nameFor(request);
        Attempt found = null;
        int valid = 0;
        String[] toClear = new String[MAX_CLEARED];
        int clearing = 0;
        for (Cookie cookie : cookies) {
            String name = cookie.getName();
            if (!name.startsWith(NAME) && !name.startsWith(HOST_NAME)) {
                continue;
            }
            String problem;
            if (name.equals(ours)) {
                if (VOID.equals(cookie.getValue())) {
                    valid++;
                    continue;
                }
                try {
                    found = parse(cookie.getValue());
                    valid++;
                    continue;
                } catch (Refused refused) {
                    problem = refused.getMessage();
                }
            } else {
                problem = "not a cookie of this version";
            }
            refusal(problem).log(Level.INFO, "Ignored a Sate login cookie ({0}): {1}", Redact.hash(cookie.getValue()),
                    problem);
            if (clearing < MAX_CLEARED && CLEARABLE.matcher(name).matches()) {
                toClear[clearing++] = name;
            }
        }
        Optional<Attempt> result = valid == 1 ? Optional.ofNullable(found) : Optional.empty();
        if (response.isCommitted()) {
            return result;
        }
        if (valid > 1) {
            refusal(AMBIGUOUS).log(Level.WARNING, "Ignored {0} Sate login cookies named {1}: a browser holds only one"
                    + " of ours, so another subdomain or an http page of this host set the others; none is used", valid,
                    ours);
            // as long as any attempt valid now could still be read, its state's expiry included
            setCookie(request, response, ours, VOID, ttl.plus(GRACE).toSeconds());
            return Optional.empty();
        }
        for (int i = 0; i < clearing; i++) {
            // a broken cookie next to a valid one shares its name: clearing it would drop the valid one
            if (valid == 0 || !toClear[i].equals(ours)) {
                setCookie(request, response, toClear[i], "", 0);
            }
        }
        return result;
    }

    private RateLimitedLog refusal(String reason) {
        return refusals.computeIfAbsent(reason, r -> new RateLimitedLog(LoginFlow.LOG, 10));
    }

    /** {@link #HOST_NAME} where browsers will keep it (a secure request at the root path), else {@link #NAME}. */
    String nameFor(HttpServletRequest request) {
        return secure(request) && request.getContextPath().isEmpty() ? HOST_NAME : NAME;
    }

    /** Whether this request's cookie is {@link #HOST_NAME}, which only this host's secure pages can set. */
    boolean cannotBeTossedIn(HttpServletRequest request) {
        return nameFor(request).equals(HOST_NAME);
    }

    private boolean secure(HttpServletRequest request) {
        return alwaysSecure || request.isSecure();
    }

    /** Parses and verifies a cookie value, or says why it is refused. */
    public Attempt parse(String value) throws Refused {
        if (value == null || value.length() > MAX_VALUE) {
            throw new Refused("malformed");
        }
        int lastDot = value.lastIndexOf('.');
        if (lastDot < 0 || !cookieMac.verifyBase64(NAME + "=" + value.substring(0, lastDot),
                value.substring(lastDot + 1))) {
            throw new Refused("signature does not verify (tampered, or signed with another secret)");
        }
        String[] parts = value.substring(0, lastDot).split("\\.", -1);
        if (parts.length != 6 || parts[2].length() != 22 || !(parts[4].isEmpty() || parts[4].length() == TAG_LENGTH)) {
            throw new Refused("malformed");
        }
        try {
            Instant createdAt = Instant.ofEpochMilli(Long.parseLong(parts[0]));
            Instant expiresAt = Instant.ofEpochMilli(Long.parseLong(parts[1]));
            if (!clock.instant().isBefore(expiresAt.plus(GRACE))) {
                throw new Refused("expired");
            }
            String state = new String(B64D.decode(parts[5]), StandardCharsets.US_ASCII);
            if (!StateParam.isValid(state)) {
                throw new Refused("state not acceptable");
            }
            return new Attempt(parts[2], state, createdAt, expiresAt, Phase.of(parts[3]), parts[4]);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new Refused("malformed");
        }
    }

    /** Removes the attempt from the browser. */
    void clear(HttpServletRequest request, HttpServletResponse response) {
        setCookie(request, response, nameFor(request), "", 0);
    }

    private void write(HttpServletRequest request, HttpServletResponse response, Attempt attempt) {
        String body = attempt.createdAt().toEpochMilli() + "." + attempt.expiresAt().toEpochMilli() + "."
                + attempt.id() + "." + attempt.phase().code + "." + attempt.boundTag() + "."
                + B64.encodeToString(attempt.state().getBytes(StandardCharsets.US_ASCII));
        long secondsLeft = Math.max(1, Duration.between(clock.instant(), attempt.expiresAt().plus(GRACE)).toSeconds());
        setCookie(request, response, nameFor(request), body + "." + cookieMac.macBase64(NAME + "=" + body), secondsLeft);
    }

    /** A keyed tag of the customer: the cookie never names them, and a tag cannot be forged. */
    private String tagOf(String subject) {
        return subjectTag.macBase64(subject).substring(0, TAG_LENGTH);
    }

    private void setCookie(HttpServletRequest request, HttpServletResponse response, String name, String value,
                           long maxAgeSeconds) {
        String path = request.getContextPath().isEmpty() ? "/" : request.getContextPath();
        // addHeader rather than Cookie#setAttribute (Servlet 6) for SameSite, so that it works everywhere
        response.addHeader("Set-Cookie", name + "=" + value + "; Path=" + path + "; Max-Age=" + maxAgeSeconds
                + "; HttpOnly; SameSite=Lax" + (secure(request) ? "; Secure" : ""));
    }

    /** Why a cookie value was not accepted; no stack trace, it is an expected outcome. */
    public static final class Refused extends Exception {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }
}
