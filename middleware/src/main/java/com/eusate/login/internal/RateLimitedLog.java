package com.eusate.login.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * A log line that anyone on the network can trigger (a forged cookie, a refused token) is written at
 * most {@code maxPerMinute} times a minute; the rest are counted and the count is logged with the next
 * line that gets through. So a flood of bad requests cannot flood the log. This class is thread-safe.
 */
public final class RateLimitedLog {

    private static final long MINUTE_NANOS = 60_000_000_000L;

    private final Logger log;
    private final int maxPerMinute;
    private long windowStart = System.nanoTime();
    private int written;
    private long suppressed;

    public RateLimitedLog(Logger log, int maxPerMinute) {
        this.log = log;
        this.maxPerMinute = maxPerMinute;
    }

    /** Logs like {@link Logger#log(Level, String, Object...)}, unless this minute's lines are used up. */
    public void log(Level level, String format, Object... params) {
        if (!log.isLoggable(level)) {
            return;
        }
        long dropped;
        synchronized (this) {
            long now = System.nanoTime();
            if (now - windowStart >= MINUTE_NANOS) {
                windowStart = now;
                written = 0;
            }
            if (written >= maxPerMinute) {
                suppressed++;
                return;
            }
            written++;
            dropped = suppressed;
            suppressed = 0;
        }
        if (dropped > 0) {
            log.log(level, "({0} more lines like the next were not logged, to keep the log small)", dropped);
        }
        log.log(level, format, params);
    }
}
