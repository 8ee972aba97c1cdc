package com.eusate.login.internal.signin;

import com.eusate.login.internal.Redact;
import com.eusate.login.signin.SateLoginEvent.Failure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;

/**
 * Judges one answer of Sate's callback (DESIGN section 7): 200 is delivered; 400 and 403 are final;
 * 408, 429, 5xx, timeouts and network errors are retried after exponential backoff with full jitter
 * (or Sate's {@code Retry-After}); anything else, redirects included, is final. This class is
 * thread-safe; the judgement of one delivery's answers in turn is kept in {@link Memory}.
 */
final class RetryPolicy {

    static final Duration BACKOFF_BASE = Duration.ofMillis(100);
    static final Duration BACKOFF_CAP = Duration.ofSeconds(5);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one attempt produced: Sate's answer (status, headers, body), or the error that stood in for it. */
    record Answer(int status, HttpHeaders headers, byte[] body, Throwable error, Duration timeout) {
        static Answer received(HttpResponse<?> head, byte[] body, Duration timeout) {
            return new Answer(head.statusCode(), head.headers(), body, null, timeout);
        }

        static Answer failed(Throwable error, Duration timeout) {
            return new Answer(0, null, null, error == null ? new IOException("no answer") : error, timeout);
        }

        /** A finished call: its response, or the error that ended it. */
        static Answer of(HttpResponse<byte[]> response, Throwable error, Duration timeout) {
            return error != null || response == null ? failed(error, timeout)
                    : received(response, response.body(), timeout);
        }
    }

    /** The next step: an end ({@code result} set) or a retry after {@code delay}. */
    record Verdict(CallbackClient.Result result, Duration delay, int status, String reason) {
        boolean isFinal() {
            return result != null;
        }
    }

    /** What the judgement of a delivery's earlier answers tells about the next one. */
    static final class Memory {
        private boolean lastWasIoError;
        /** An earlier attempt ended without an answer: Sate may have accepted it. */
        private boolean answerLost;
    }

    private final Clock clock;

    RetryPolicy(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param attempts how many attempts the delivery has made, this one included
     * @param secrets  values cut out of anything Sate's answer echoes (the token, the state, the API key)
     */
    Verdict judge(Answer answer, int attempts, Memory memory, String... secrets) {
        if (answer.error() != null) {
            Throwable e = answer.error();
            memory.answerLost = true;
            if (e instanceof TimeoutException || e instanceof HttpTimeoutException) {
                memory.lastWasIoError = false;
                return retry(attempts, 0, "no answer within " + answer.timeout().toMillis() + " ms", null);
            }
            String reason = "network error: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + Redact.forLog(e.getMessage(), 120, secrets));
            // A pooled connection that the server closed fails a POST at once and the JDK client does not
            // retry it; so the first retry after a network error goes at once.
            Duration delay = memory.lastWasIoError ? null : Duration.ZERO;
            memory.lastWasIoError = true;
            return retry(attempts, 0, reason, delay);
        }
        memory.lastWasIoError = false;
        int status = answer.status();
        if (status == 200) {
            return end(CallbackClient.Result.delivered(status, attempts));
        }
        String detail = detail(answer.body(), secrets);
        return switch (status) {
            case 400 -> end(CallbackClient.Result.failed(Failure.REJECTED_BY_SATE, status, attempts, detail
                    + (memory.answerLost ? " (an earlier attempt got no answer; Sate may have accepted that one)" : "")));
            case 403 -> end(CallbackClient.Result.failed(Failure.BAD_API_KEY, status, attempts, detail));
            case 408, 429, 500, 502, 503, 504 -> retry(attempts, status,
                    "HTTP " + status + (detail.isEmpty() ? "" : ": " + detail), retryAfter(answer.headers()));
            default -> end(CallbackClient.Result.failed(Failure.NOT_DELIVERED, status, attempts,
                    status >= 300 && status < 400
                            ? "Sate answered a redirect (HTTP " + status + "), which is not followed; check api-base-url"
                            : "unexpected HTTP " + status + (detail.isEmpty() ? "" : ": " + detail)
                                    + "; check api-base-url"));
        };
    }

    private static Verdict end(CallbackClient.Result result) {
        return new Verdict(result, null, result.status(), result.detail());
    }

    private static Verdict retry(int attempts, int status, String reason, Duration delay) {
        return new Verdict(null, delay != null ? delay : backoff(attempts), status, reason);
    }

    /** Exponential backoff with full jitter: uniform in [0, min(cap, base * 2^(attempt-1))]. */
    static Duration backoff(int attempt) {
        long ceiling = Math.min(BACKOFF_CAP.toMillis(),
                BACKOFF_BASE.toMillis() << Math.min(Math.max(attempt - 1, 0), 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
    }

    /** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
    private Duration retryAfter(HttpHeaders headers) {
        String value = headers.firstValue("Retry-After").orElse(null);
        if (value == null) {
            return null;
        }
        try {
            String v = value.strip();
            if (!v.isEmpty() && v.chars().allMatch(Character::isDigit)) {
                return Duration.ofSeconds(Math.min(Long.parseLong(v), 86_400));
            }
            Duration d = Duration.between(clock.instant(),
                    ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return d.isNegative() ? Duration.ZERO : d;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Sate's {@code detail}, made safe for a log line (it might echo what we sent). */
    private static String detail(byte[] body, String... secrets) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text;
        try {
            JsonNode node = JSON.readTree(body);
            JsonNode detail = node == null ? null : node.get("detail");
            text = detail == null ? "" : detail.isTextual() ? detail.asText() : detail.toString();
        } catch (IOException | RuntimeException e) {
            text = "";
        }
        return Redact.forLog(text, 200, secrets);
    }
}
