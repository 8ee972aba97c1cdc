package com.eusate.login;

import com.eusate.login.internal.signin.CallbackClient;
import com.eusate.login.internal.signin.LoginSettings;
import com.eusate.login.signin.IssuedToken;
import com.eusate.login.signin.SateLoginEvent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Delivering a token to a loopback Sate stand-in (Jetty), against the same raw JDK HTTP client,
 * configured as the middleware configures it, posting the same JSON to the same server.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CallbackBenchmark {

    static final String STATE = "st_benchmark_0123456789abcdef";
    private static final CallbackClient.Observer QUIET = new CallbackClient.Observer() {
        @Override
        public void retrying(int attempt, int status, String reason) {
        }

        @Override
        public void finishedInBackground(CallbackClient.Result result) {
        }
    };

    private SateStandIn sate;
    private CallbackClient callback;
    private ExecutorService rawExecutor;
    private HttpClient raw;
    private URI callbackUri;
    private IssuedToken token;
    private byte[] body;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        String outside = System.getProperty(SateStandIn.URL_PROPERTY); // BenchmarkMain's, in a process of its own
        sate = outside == null ? new SateStandIn() : null;
        callbackUri = URI.create((outside != null ? outside : sate.baseUrl().toString()) + "/api/v1/lab/login/callback/");
        callback = new CallbackClient(callbackUri, "sk_bench_0123456789", Clock.systemUTC(), 1000);
        rawExecutor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        });
        raw = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3))
                .followRedirects(HttpClient.Redirect.NEVER).executor(rawExecutor).build();
        token = new IssuedToken("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJlMDEyMzQ1",
                Instant.now().plusSeconds(3600));
        body = CallbackClient.json(token, STATE);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        callback.close();
        rawExecutor.shutdownNow();
        if (sate != null) {
            sate.close();
        }
    }

    private int rawPost() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(callbackUri).timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer sk_bench_0123456789").header("Content-Type", "application/json")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<byte[]> response;
        try {
            response = raw.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException stalePooledConnection) {
            // the one retry any correct caller needs: the JDK client does not retry a POST itself
            response = raw.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("stand-in answered " + response.statusCode());
        }
        return response.statusCode();
    }

    private SateLoginEvent.Type deliver() {
        // the defaults: the customer waits callback-timeout, the delivery may go on until delivery-deadline
        CallbackClient.Result result = callback.deliver(token, STATE, LoginSettings.CALLBACK_TIMEOUT.defaultValue(),
                LoginSettings.DELIVERY_DEADLINE.defaultValue(), QUIET);
        if (result.type() != SateLoginEvent.Type.DELIVERED) {
            throw new IllegalStateException("delivery " + result);
        }
        return result.type();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @Threads(1)
    public int rawJdkClientPost1() throws Exception {
        return rawPost();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @Threads(1)
    public SateLoginEvent.Type sateDeliver1() {
        return deliver();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @Threads(16)
    public int rawJdkClientPost16() throws Exception {
        return rawPost();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @Threads(16)
    public SateLoginEvent.Type sateDeliver16() {
        return deliver();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Threads(1)
    public SateLoginEvent.Type sateDeliverLatency() {
        return deliver();
    }
}
