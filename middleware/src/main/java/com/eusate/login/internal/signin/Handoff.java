package com.eusate.login.internal.signin;

import com.eusate.login.internal.Redact;
import com.eusate.login.signin.IssuedToken;
import com.eusate.login.signin.SateLoginEvent.Failure;
import com.eusate.login.signin.SateLoginEvent.Type;
import com.eusate.login.signin.TokenIssuer;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What follows the customer's decision: on Allow, issue the token and deliver it to Sate, then log and
 * report how that ended; on Deny, nothing is sent. This class is thread-safe.
 */
final class Handoff {

    private final TokenIssuer issuer;
    private final CallbackClient callback;
    private final Events events;
    private final Clock clock;
    private final Duration callbackTimeout;
    private final Duration deliveryDeadline;
    private final ForbiddenAlarm forbiddenAlarm = new ForbiddenAlarm(LoginFlow.LOG, Duration.ofMinutes(1));

    Handoff(TokenIssuer issuer, CallbackClient callback, Events events, Clock clock, Duration callbackTimeout,
            Duration deliveryDeadline) {
        this.issuer = issuer;
        this.callback = callback;
        this.events = events;
        this.clock = clock;
        this.callbackTimeout = callbackTimeout;
        this.deliveryDeadline = deliveryDeadline;
    }

    ConsentPage.Outcome denied(Attempt pending, String subject) {
        LoginFlow.LOG.log(Level.INFO, "Customer denied Sate for state {0}; nothing was sent",
                Redact.hash(pending.state()));
        events.emit(Type.DENIED, pending.state(), subject, "customer denied");
        return ConsentPage.Outcome.DENIED;
    }

    ConsentPage.Outcome allowed(Attempt pending, String subject) {
        String state = pending.state();
        events.emit(Type.ALLOWED, state, subject, "customer allowed");
        IssuedToken token;
        try {
            token = issuer.issue(subject);
        } catch (RuntimeException | LinkageError e) {
            LoginFlow.LOG.log(Level.ERROR, "Could not issue a token for state {0}: {1}", Redact.hash(state),
                    describe(e));
            events.emit(Type.FAILED, state, subject, 0, 0, "token issuer failed: " + e.getClass().getSimpleName(),
                    Failure.TOKEN_NOT_ISSUED);
            return ConsentPage.Outcome.FAILED;
        }
        // the deadline never outlives the state or the token
        Instant now = clock.instant();
        Duration deadline = shortest(deliveryDeadline, Duration.between(now, pending.expiresAt()),
                Duration.between(now, token.expiresAt()));
        CallbackClient.Result result;
        try {
            result = deliver(token, state, subject, deadline);
        } catch (RuntimeException | LinkageError e) {
            result = CallbackClient.Result.failed(Failure.NOT_DELIVERED, 0, 0, "could not send: " + describe(e));
        }
        return switch (report(result, state, subject)) {
            case DELIVERED -> ConsentPage.Outcome.CONNECTED;
            case DEFERRED -> ConsentPage.Outcome.DEFERRED;
            default -> ConsentPage.Outcome.FAILED;
        };
    }

    private CallbackClient.Result deliver(IssuedToken token, String state, String subject, Duration deadline) {
        return callback.deliver(token, state, callbackTimeout, deadline,
                new CallbackClient.Observer() {
                    @Override
                    public void retrying(int attempt, int status, String reason) {
                        LoginFlow.LOG.log(Level.INFO, "Retrying delivery for state {0} after attempt {1}: {2}",
                                Redact.hash(state), attempt, reason);
                        events.emit(Type.RETRIED, state, subject, status, attempt, reason, null);
                    }

                    @Override
                    public void finishedInBackground(CallbackClient.Result late) {
                        report(late, state, subject);
                    }
                });
    }

    /**
     * A failure as a log line may name it. A {@link LinkageError} (NoSuchMethodError,
     * NoClassDefFoundError) means the app's classpath holds another version of a library than we
     * were built with; say so, and how to find it. Other messages may come from app code: not shown.
     */
    static String describe(Throwable e) {
        if (e instanceof LinkageError) {
            return "conflicting library versions on the classpath: " + e.getClass().getSimpleName() + ": "
                    + Redact.forLog(e.getMessage(), 300) + ". Make each library one version (for Jackson: every"
                    + " com.fasterxml.jackson jar the same release); mvn dependency:tree shows where they come from";
        }
        return e.getClass().getName();
    }

    /** Logs and reports how a delivery ended, or that it goes on in the background. */
    private Type report(CallbackClient.Result result, String state, String subject) {
        String stateHash = Redact.hash(state);
        switch (result.type()) {
            case DELIVERED -> LoginFlow.LOG.log(Level.INFO, "Delivered the token for state {0} to Sate (attempts: {1})",
                    stateHash, result.attempts());
            case DEFERRED -> LoginFlow.LOG.log(Level.INFO, "Delivery for state {0} continues in the background: {1}",
                    stateHash, result.detail());
            default -> {
                if (result.failure() == Failure.BAD_API_KEY) {
                    forbiddenAlarm.raise(result.detail());
                } else if (result.failure() == Failure.REJECTED_BY_SATE) {
                    LoginFlow.LOG.log(Level.WARNING, "Sate rejected the callback for state {0} (HTTP 400: {1})",
                            stateHash, result.detail());
                } else {
                    LoginFlow.LOG.log(Level.WARNING, "Could not deliver the token for state {0} after {1} attempt(s):"
                            + " {2}", stateHash, result.attempts(), result.detail());
                }
            }
        }
        events.emit(result.type(), state, subject, result.status(), result.attempts(),
                result.type() == Type.DELIVERED ? "delivered" : result.detail(), result.failure());
        return result.type();
    }

    private static Duration shortest(Duration a, Duration b, Duration c) {
        Duration min = a.compareTo(b) < 0 ? a : b;
        return min.compareTo(c) < 0 ? min : c;
    }
}
