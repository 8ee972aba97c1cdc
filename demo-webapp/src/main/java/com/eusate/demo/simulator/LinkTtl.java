package com.eusate.demo.simulator;

import java.time.Duration;

/**
 * How long the simulator's login links are good for: the demo's {@code state-ttl}
 * ({@code SATE_STATE_TTL}), as ISO-8601 or whole seconds, already checked by the login filter.
 */
record LinkTtl(Duration duration) {

    static LinkTtl parse(String text) {
        return new LinkTtl(text.matches("[0-9]+") ? Duration.ofSeconds(Long.parseLong(text)) : Duration.parse(text));
    }

    /** In words: "10 minutes", "1 minute", "90 seconds". */
    String words() {
        long seconds = duration.toSeconds();
        return seconds % 60 != 0 ? seconds + " seconds" : seconds / 60 + (seconds == 60 ? " minute" : " minutes");
    }
}
