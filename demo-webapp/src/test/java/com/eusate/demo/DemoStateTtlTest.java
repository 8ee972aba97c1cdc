package com.eusate.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code SATE_STATE_TTL} sets how long the demo's login links are good for, in the filter (the
 * captured state's cookie lives that long) and in the simulator's chat (which says how long to wait
 * to see a link expire); without it, the filter's default of 10 minutes.
 */
class DemoStateTtlTest {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    @Test
    void sateStateTtlOfOneMinuteMakesTheLinkExpireAfterAMinuteAndTheChatSaysSo() throws Exception {
        assertLinkLifetime(Map.of("PORT", "0", "SATE_STATE_TTL", "PT1M"), 60, "wait 1 minute before you sign in");
    }

    @Test
    void withoutSateStateTtlALinkIsGoodForTenMinutes() throws Exception {
        assertLinkLifetime(Map.of("PORT", "0"), 600, "wait 10 minutes before you sign in");
    }

    private void assertLinkLifetime(Map<String, String> env, int seconds, String chatSays) throws Exception {
        try (DemoServer demo = DemoServer.start(env)) {
            HttpResponse<String> chat = http.send(HttpRequest.newBuilder(demo.baseUrl().resolve("/sate/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(chat.body().contains(chatSays), chat.body());

            HttpResponse<String> login = http.send(HttpRequest.newBuilder(demo.baseUrl().resolve("/login?state=st_ttl_1"))
                    .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
            String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("sate_login="))
                    .findFirst().orElseThrow(() -> new AssertionError("no state captured: " + login.headers().map()));
            // the cookie's value begins with when the state was captured and when it expires, in milliseconds
            // (the cookie itself outlives the state by an hour, so that an expired link can be told as such)
            Matcher times = Pattern.compile("^sate_login=(\\d+)\\.(\\d+)\\.").matcher(cookie);
            assertTrue(times.find(), cookie);
            long lifetime = (Long.parseLong(times.group(2)) - Long.parseLong(times.group(1))) / 1000;
            assertEquals(seconds, lifetime, "the state lives " + seconds + " s: " + cookie);
        }
    }
}
