package com.eusate.login.internal.signin;

import com.eusate.login.internal.Redact;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import com.eusate.login.internal.Hmac;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * Keeps captured states in the browser, one HMAC-signed cookie per login attempt, so that nothing is
 * stored on the server for anonymous requests, a state survives the app replacing its session at
 * login, any node of a cluster can read it, and two tabs with two Sate links do not overwrite each
 * other. This class is thread-safe.
 */
public final class PendingStates {

    public static final String COOKIE_PREFIX = "sate_login_";
    /** Pending attempts kept per browser; capturing one more drops the oldest. */
    static final int MAX_PENDING = 3;

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    /** The cookie value is at most exp (20) + '.' + base64 of 512 chars (683) + '.' + MAC (43). */
    private static final int MAX_COOKIE_VALUE = 760;

    /** One captured state waiting for the customer's login. */
    public record Pending(String attemptId, String state, Instant expiresAt) {
        String cookieName() {
            return COOKIE_PREFIX + attemptId;
        }

        @Override
        public String toString() {
            return "Pending[attempt=" + attemptId + ", state=" + Redact.hash(state) + ", expiresAt=" + expiresAt + "]";
        }
    }

    private final Hmac mac;
    private final Duration ttl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public PendingStates(Hmac mac, Duration ttl, Clock clock) {
        this.mac = mac;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Cheap test used on every request: could this request carry a pending state at all? */
    static boolean mayCarry(HttpServletRequest request) {
        String header = request.getHeader("Cookie");
        return header != null && header.contains(COOKIE_PREFIX);
    }

    public Pending capture(String state, HttpServletRequest request, HttpServletResponse response) {
        List<Pending> existing = read(request, response);
        for (int i = MAX_PENDING - 1; i < existing.size(); i++) {
            clear(request, response, existing.get(i)); // newest first, so these are the oldest
        }
        byte[] id = new byte[16];
        random.nextBytes(id);
        Instant expiresAt = clock.instant().plus(ttl).truncatedTo(ChronoUnit.MILLIS);
        Pending pending = new Pending(B64.encodeToString(id), state, expiresAt);
        String body = expiresAt.toEpochMilli() + "." + B64.encodeToString(state.getBytes(StandardCharsets.US_ASCII));
        String value = body + "." + mac.macBase64(pending.cookieName() + "=" + body);
        setCookie(request, response, pending.cookieName(), value, ttl.toSeconds());
        return pending;
    }

    /**
     * The valid pending states of this request, newest first. Cookies that are expired, tampered or
     * malformed are dropped from the browser and logged by fingerprint only.
     */
    public List<Pending> read(HttpServletRequest request, HttpServletResponse response) {
        if (!mayCarry(request)) {
            return List.of();
        }
        Cookie[] cookies = request.getCookies();
        List<Pending> valid = new ArrayList<>(2);
        if (cookies == null) {
            return valid;
        }
        for (Cookie cookie : cookies) {
            String name = cookie.getName();
            if (!name.startsWith(COOKIE_PREFIX)) {
                continue;
            }
            String attemptId = name.substring(COOKIE_PREFIX.length());
            String problem = parse(attemptId, cookie.getValue(), valid);
            if (problem != null) {
                LoginFlow.LOG.log(Level.INFO, "Dropped a Sate state cookie ({0}): {1}", Redact.hash(cookie.getValue()), problem);
                if (!response.isCommitted()) {
                    setCookie(request, response, name, "", 0);
                }
            }
        }
        valid.sort(Comparator.comparing(Pending::expiresAt).reversed());
        return valid;
    }

    /** Adds the pending state to {@code into}, or returns why the cookie is not acceptable. */
    public String parse(String attemptId, String value, List<Pending> into) {
        if (value == null || value.length() > MAX_COOKIE_VALUE || attemptId.length() != 22) {
            return "malformed";
        }
        int lastDot = value.lastIndexOf('.');
        if (lastDot < 0 || !mac.verifyBase64(COOKIE_PREFIX + attemptId + "=" + value.substring(0, lastDot),
                value.substring(lastDot + 1))) {
            return "signature does not verify (tampered, or signed with another secret)";
        }
        int firstDot = value.indexOf('.');
        try {
            Instant expiresAt = Instant.ofEpochMilli(Long.parseLong(value.substring(0, firstDot)));
            if (!clock.instant().isBefore(expiresAt)) {
                return "expired";
            }
            String state = new String(B64D.decode(value.substring(firstDot + 1, lastDot)), StandardCharsets.US_ASCII);
            if (!StateParam.isValid(state)) {
                return "state not acceptable";
            }
            into.add(new Pending(attemptId, state, expiresAt));
            return null;
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            return "malformed";
        }
    }

    void clear(HttpServletRequest request, HttpServletResponse response, Pending pending) {
        setCookie(request, response, pending.cookieName(), "", 0);
    }

    private static void setCookie(HttpServletRequest request, HttpServletResponse response,
                                  String name, String value, long maxAgeSeconds) {
        String path = request.getContextPath().isEmpty() ? "/" : request.getContextPath();
        response.addHeader("Set-Cookie", name + "=" + value + "; Path=" + path + "; Max-Age=" + maxAgeSeconds
                + "; HttpOnly; SameSite=Lax" + (request.isSecure() ? "; Secure" : ""));
    }
}
