package com.eusate.login.internal.signin;

import com.eusate.login.internal.Redact;
import com.eusate.login.signin.SateLoginEvent.Type;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.System.Logger.Level;
import java.util.Optional;

/** Takes Sate's {@code state} from a GET to a login path and keeps it for this browser. Thread-safe. */
final class StateCapture {

    private final PendingStates pendingStates;
    private final Events events;

    StateCapture(PendingStates pendingStates, Events events) {
        this.pendingStates = pendingStates;
        this.events = events;
    }

    /** Keeps a valid {@code state} from the query string; returns it if kept. */
    Optional<PendingStates.Pending> capture(HttpServletRequest request, HttpServletResponse response) {
        StateParam.Result found = StateParam.fromQuery(request.getQueryString());
        switch (found.status()) {
            case VALID -> {
                PendingStates.Pending pending = pendingStates.capture(found.value(), request, response);
                LoginFlow.LOG.log(Level.INFO, "Captured Sate state {0}", Redact.hash(found.value()));
                events.emit(Type.STATE_CAPTURED, found.value(), null, "captured");
                return Optional.of(pending);
            }
            case INVALID -> {
                // the raw value is never logged: only why it was refused
                LoginFlow.LOG.log(Level.INFO, "Ignored a Sate state on {0}: {1}", request.getRequestURI(),
                        found.reason());
                events.emit(Type.STATE_REJECTED, null, null, found.reason());
                return Optional.empty();
            }
            default -> {
                return Optional.empty();
            }
        }
    }
}
