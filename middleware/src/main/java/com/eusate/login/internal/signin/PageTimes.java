package com.eusate.login.internal.signin;

import java.time.Duration;

/**
 * Times as the pages say them, in the customer's language and its plural forms: a lifetime in its
 * largest whole unit, and how long ago something happened. Never a clock time: the server cannot know
 * the customer's time zone, and a time in UTC looks wrong to most of them. Stateless and thread-safe.
 */
final class PageTimes {

    private PageTimes() {
    }

    /** The token's lifetime in the largest whole unit: "1 hour", "90 minutes", "30 days". */
    static String duration(PageTexts.Texts t, Duration d) {
        long minutes = Math.max(1, d.toMinutes());
        if (minutes % (24 * 60) == 0) {
            return t.count("duration.day", minutes / (24 * 60));
        }
        if (minutes % 60 == 0) {
            return t.count("duration.hour", minutes / 60);
        }
        return t.count("duration.minute", minutes);
    }

    /**
     * How long ago, relative to now: "just now" under a minute, then whole minutes ("12 minutes ago"),
     * from an hour on whole hours ("2 hours ago"). A time in the future (clocks of two nodes a little
     * apart) is "just now".
     */
    static String ago(PageTexts.Texts t, Duration elapsed) {
        long minutes = Math.max(0, elapsed.toMinutes());
        if (minutes == 0) {
            return t.get("ago.now");
        }
        if (minutes < 60) {
            return t.count("ago.minute", minutes);
        }
        return t.count("ago.hour", minutes / 60);
    }
}
