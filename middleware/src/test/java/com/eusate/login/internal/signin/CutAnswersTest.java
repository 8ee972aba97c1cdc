package com.eusate.login.internal.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eusate.login.FakeSate;
import com.eusate.login.signin.IssuedToken;
import com.eusate.login.signin.SateLoginEvent;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Answers whose body stalls or never ends are cut at the attempt's end, also where no tick of the
 * retry thread watches them: in the background, and in the last attempt made at shutdown.
 */
class CutAnswersTest {

    private static final String API_KEY = "sk_test_cut_0123456789";
    private static final IssuedToken TOKEN = new IssuedToken("header.payload.signature", Instant.now().plusSeconds(600));

    /** Collects the background delivery's end. */
    private static final class Late implements CallbackClient.Observer {
        final CompletableFuture<CallbackClient.Result> result = new CompletableFuture<>();

        @Override
        public void retrying(int attempt, int status, String reason) {
        }

        @Override
        public void finishedInBackground(CallbackClient.Result late) {
            result.complete(late);
        }
    }

    private static CallbackClient client(FakeSate sate) {
        return new CallbackClient(URI.create(sate.baseUrl() + "/api/v1/lab/login/callback/"), API_KEY, Clock.systemUTC(), 10);
    }

    @Test
    void aLastAttemptAtShutdownWhoseBodyStallsDoesNotHoldCloseUntilTheStallEnds() throws Exception {
        try (FakeSate sate = new FakeSate(API_KEY); CallbackClient client = client(sate)) {
            // a retry waits in the background; at shutdown it is made at once, and its answer stalls
            sate.enqueue(new FakeSate.Status(503, Map.of("Retry-After", "30"), "{}"), new FakeSate.StalledBody(8_000));
            Late late = new Late();
            CallbackClient.Result first = client.deliver(TOKEN, "st_cut_shutdown", Duration.ofMillis(200),
                    Duration.ofMinutes(2), late);
            assertEquals(SateLoginEvent.Type.DEFERRED, first.type(), first::toString);

            long start = System.nanoTime();
            client.close(Duration.ofSeconds(1));
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertEquals(2, sate.requestCount(), "the last attempt reached Sate");
            assertTrue(tookMillis < 4_000, "close() took " + tookMillis + " ms with a grace of 1 s and a stall of 8 s");
            assertEquals(SateLoginEvent.Type.FAILED, late.result.getNow(null).type());
        }
    }

    @Test
    void aBackgroundAttemptWhoseBodyNeverEndsIsCutWithItsConnectionInsteadOfReadUntilShutdown() throws Exception {
        try (FakeSate sate = new FakeSate(API_KEY); CallbackClient client = client(sate)) {
            // the first attempt is told to come back in a second: the next one runs in the background,
            // with what is left of a 3-second deadline as its timeout
            sate.enqueue(new FakeSate.Status(503, Map.of("Retry-After", "1"), "{}"), new FakeSate.EndlessBody());
            Late late = new Late();
            long start = System.nanoTime();
            client.deliver(TOKEN, "st_cut_background", Duration.ofMillis(200), Duration.ofSeconds(3), late);

            CallbackClient.Result result = late.result.get(10, TimeUnit.SECONDS);
            for (int i = 0; i < 100 && sate.endlessBodyCutAt() == 0; i++) {
                Thread.sleep(50);
            }
            long cutAfterMillis = TimeUnit.NANOSECONDS.toMillis(sate.endlessBodyCutAt() - start);

            assertEquals(SateLoginEvent.Type.FAILED, result.type(), result::toString);
            assertTrue(sate.endlessBodyCutAt() != 0, "the endless body was still being read 5 s after the delivery failed");
            assertTrue(cutAfterMillis < 5_000, "its connection was cut " + cutAfterMillis + " ms after the start,"
                    + " for an attempt that ends about 3 s after it");
        }
    }
}
