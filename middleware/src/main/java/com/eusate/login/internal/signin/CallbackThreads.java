package com.eusate.login.internal.signin;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The threads of the callback client, made so that an undeploy leaves none behind and none pins the
 * web app: no context class loader on any of them, pools that {@link CallbackClient#close} waits for,
 * and the JDK HTTP client shut down where the JDK can. Stateless.
 */
final class CallbackThreads {

    private CallbackThreads() {
    }

    /**
     * Our threads carry no context class loader: the container's thread that starts one has the web
     * app's, and a thread holding it pins the web app after an undeploy (Tomcat warns "appears to have
     * started a thread ... but has failed to stop it").
     */
    static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            // no inherited thread locals: the creating thread may be a request's, with the app's in them
            Thread t = new Thread(null, r, name + "-" + n.incrementAndGet(), 0, false);
            t.setDaemon(true);
            t.setContextClassLoader(null);
            return t;
        };
    }

    /**
     * Builds the JDK client with no context class loader on this thread, so that its selector thread
     * (started by the builder, {@code HttpClient-N-SelectorManager}) inherits none. On JDK 17 nothing
     * stops that thread but the client becoming unreachable; {@link CallbackClient#close} stops it on JDK 21+.
     */
    static HttpClient withNeutralContextLoader(Supplier<HttpClient> build) {
        Thread current = Thread.currentThread();
        ClassLoader before = current.getContextClassLoader();
        current.setContextClassLoader(null);
        try {
            return build.get();
        } finally {
            current.setContextClassLoader(before);
        }
    }

    /** How long {@link CallbackClient#close} waits for each of its thread pools to end once told to stop. */
    static final Duration STOP_WAIT = Duration.ofSeconds(2);

    /** Waits a little for a pool's threads to end, so none is alive when the container looks. */
    static void awaitStopped(ExecutorService pool, Duration wait) {
        try {
            pool.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * {@code HttpClient.shutdownNow()} and {@code awaitTermination} exist since JDK 21 (we compile for
     * 17): called when there, they end the selector thread at once. On JDK 17 it ends by itself within
     * a few seconds of the client becoming unreachable; its context class loader is none of ours.
     */
    static void shutDownJdkClient(HttpClient http, Duration wait) {
        try {
            HttpClient.class.getMethod("shutdownNow").invoke(http);
            HttpClient.class.getMethod("awaitTermination", Duration.class).invoke(http, wait);
        } catch (NoSuchMethodException jdk17) {
            // nothing to call: see above
        } catch (ReflectiveOperationException | RuntimeException e) {
            LoginFlow.LOG.log(System.Logger.Level.DEBUG, "Could not shut the HTTP client down: {0}",
                    e.getClass().getName());
        }
    }
}
