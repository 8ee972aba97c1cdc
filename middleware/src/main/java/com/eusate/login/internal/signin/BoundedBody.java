package com.eusate.login.internal.signin;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * Collects at most {@link CallbackClient#MAX_RESPONSE_BYTES} of a callback's response body and drops
 * the rest. It asks for everything at once: asking item by item costs a thread hand-off in the JDK
 * client per item. Not thread-safe; the JDK client calls it in order.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletionStage<byte[]> bounded;

    /** @param timeout how long the body may take once the headers are in */
    BoundedBody(Duration timeout) {
        bounded = result.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return bounded;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        for (ByteBuffer b : items) {
            int n = Math.min(b.remaining(), CallbackClient.MAX_RESPONSE_BYTES - bytes.size());
            if (n > 0) {
                byte[] chunk = new byte[n];
                b.get(chunk);
                bytes.write(chunk, 0, n);
            }
        }
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        result.complete(bytes.toByteArray());
    }
}
