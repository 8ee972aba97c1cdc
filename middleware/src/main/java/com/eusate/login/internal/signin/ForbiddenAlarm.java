package com.eusate.login.internal.signin;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Says loudly that Sate refused the API key, once per burst: a wrong key fails every login, and one
 * ERROR line per login would bury everything else. The first 403 logs at once; later ones within
 * {@code quiet} are counted and mentioned in the next line. This class is thread-safe.
 */
final class ForbiddenAlarm {

    private final System.Logger log;
    private final long quietNanos;
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - Long.MAX_VALUE / 2);
    private final AtomicLong suppressed = new AtomicLong();

    ForbiddenAlarm(System.Logger log, Duration quiet) {
        this.log = log;
        this.quietNanos = quiet.toNanos();
    }

    void raise(String detail) {
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last < quietNanos || !lastLogged.compareAndSet(last, now)) {
            suppressed.incrementAndGet();
            return;
        }
        long more = suppressed.getAndSet(0);
        log.log(Level.ERROR, "Sate refused the API key (HTTP 403: {0}). Check the init-param api-key against Sate''s"
                + " platform settings: no login can reach Sate until it is fixed.{1}", detail,
                more == 0 ? "" : " " + more + " more logins failed the same way since the last report.");
    }
}
