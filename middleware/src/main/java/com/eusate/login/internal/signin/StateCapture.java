package com.eusate.login.internal.signin;

import com.eusate.login.internal.RateLimitedLog;
import com.eusate.login.internal.Redact;
import com.eusate.login.internal.RequestPath;
import com.eusate.login.signin.SateLoginEvent.Type;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Takes Sate's {@code state} from a page load of a login path and keeps it as this browser's one
 * attempt, replacing any older one. Thread-safe.
 */
final class StateCapture {

    private final AttemptCookie cookie;
    private final Events events;
    /** Anyone can send a state, good or bad: each kind of line is written at a bounded rate. */
    private final RateLimitedLog captures = new RateLimitedLog(LoginFlow.LOG, 60);
    private final RateLimitedLog refusals = new RateLimitedLog(LoginFlow.LOG, 10);

    StateCapture(AttemptCookie cookie, Events events) {
        this.cookie = cookie;
        this.events = events;
    }

    /** Keeps a valid {@code state} from the query string; returns it if kept. */
    Optional<Attempt> capture(HttpServletRequest request, HttpServletResponse response) {
        StateParam.Result found = StateParam.fromQuery(request.getQueryString());
        switch (found.status()) {
            case VALID -> {
                Attempt attempt = cookie.capture(found.value(), request, response);
                captures.log(Level.INFO, "Captured Sate state {0}", Redact.hash(found.value()));
                events.emit(Type.STATE_CAPTURED, found.value(), null, "captured");
                return Optional.of(attempt);
            }
            case INVALID -> {
                // the raw value is never logged, nor the path's parameters (;jsessionid=): only why it was refused
                refusals.log(Level.INFO, "Ignored a Sate state on {0}: {1}",
                        RequestPath.forLog(request), found.reason());
                events.emit(Type.STATE_REJECTED, null, null, found.reason());
                return Optional.empty();
            }
            default -> {
                return Optional.empty();
            }
        }
    }
}
