package com.eusate.login.internal.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.eusate.login.FakeSate;
import com.eusate.login.signin.IssuedToken;
import com.eusate.login.signin.SateLoginEvent;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The customer's thread belongs to the container and the app: a delivery made on it may time out,
 * but never by interrupting that thread, because an interrupt that lands late hits the app's code
 * that runs next on it.
 */
class CallbackClientThreadTest {

    private static final String API_KEY = "sk_test_thread_0123456789";

    /** A container thread that notes every interrupt it receives. */
    private static final class RecordingThread extends Thread {
        final AtomicInteger interrupts = new AtomicInteger();

        RecordingThread(Runnable work) {
            super(work, "container-thread");
        }

        @Override
        public void interrupt() {
            interrupts.incrementAndGet();
            super.interrupt();
        }
    }

    @Test
    void anAttemptWhoseBodyStallsTimesOutWithoutInterruptingTheCallersThread() throws Exception {
        try (FakeSate sate = new FakeSate(API_KEY)) {
            CallbackClient client = new CallbackClient(URI.create(sate.baseUrl() + "/api/v1/lab/login/callback/"),
                    API_KEY, Clock.systemUTC(), 10);
            sate.enqueue(new FakeSate.StalledBody(5_000));
            AtomicReference<CallbackClient.Result> result = new AtomicReference<>();
            AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
            RecordingThread caller = new RecordingThread(() -> {
                result.set(client.deliver(new IssuedToken("header.payload.signature", Instant.now().plusSeconds(600)),
                        "st_thread_test", Duration.ofMillis(800), Duration.ofMillis(800), new CallbackClient.Observer() {
                            @Override
                            public void retrying(int attempt, int status, String reason) {
                            }

                            @Override
                            public void finishedInBackground(CallbackClient.Result late) {
                            }
                        }));
                interruptedAfter.set(Thread.currentThread().isInterrupted());
            });
            caller.start();
            caller.join(10_000);
            client.close(Duration.ofMillis(100));

            assertFalse(caller.isAlive(), "the delivery came back");
            assertEquals(SateLoginEvent.Type.FAILED, result.get().type(), result.get()::toString);
            assertEquals(0, caller.interrupts.get(), "the caller's thread was interrupted");
            assertFalse(interruptedAfter.get(), "an interrupt was left on the caller's thread");
        }
    }
}
