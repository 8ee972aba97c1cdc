package com.eusate.login.internal.signin;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeoutException;

/**
 * Collects an answer's body as it arrives on the HTTP client's own thread, keeping at most
 * {@code max} bytes: a longer body is cut there and its connection closed. It asks for everything
 * at once (asking item by item costs a thread hand-off in the JDK client per item), so the
 * caller's thread wakes once, with the whole answer. {@link #expire} gives up a body that stalls;
 * {@link BodyWatch} calls it at the attempt's end. Used for the answers of the background and of
 * shutdown, and on the customer's thread only for answers of unknown or excessive length: a body
 * subscriber of our own costs the JDK client one more hand-off between threads per answer (it calls
 * {@code getBody()} of a subscriber not its own on its executor).
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final int max;
    private volatile Flow.Subscription subscription;
    private byte[] bytes;
    private int size;

    /** @param expected the Content-Length, or -1 */
    CappedBody(int max, long expected) {
        this.max = max;
        this.bytes = new byte[(int) Math.min(expected >= 0 ? expected : 256, max)];
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (result.isDone()) {
            s.cancel(); // expired before the body started
        } else {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        for (ByteBuffer b : items) {
            int n = Math.min(b.remaining(), max - size);
            if (n > 0) {
                if (size + n > bytes.length) {
                    bytes = Arrays.copyOf(bytes, Math.min(max, Math.max(size + n, 2 * bytes.length)));
                }
                b.get(bytes, size, n);
                size += n;
            }
            if (b.hasRemaining()) { // longer than max: cut here, and its connection closed
                complete();
                subscription.cancel();
                return;
            }
        }
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        complete();
    }

    private void complete() {
        result.complete(size == bytes.length ? bytes : Arrays.copyOf(bytes, size));
    }

    /** Ends a body that has not come in time, and its connection: the call fails with a {@link TimeoutException}. */
    void expire() {
        if (result.completeExceptionally(new TimeoutException())) {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }
}
