package com.eusate.login;

import com.eusate.login.signin.SateLoginConfig;
import jakarta.servlet.FilterChain;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.springframework.mock.web.MockFilterConfig;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * What SateLoginFilter adds to a request it has nothing to do with (no pending state, not a login
 * path): the cost every request of the app pays. The request is Spring's
 * {@code MockHttpServletRequest}; its lookups cost what a map lookup costs, so the baseline makes the
 * same reads of it before the bare chain.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FilterBenchmark {

    private SateLoginFilter filter;
    private final MockHttpServletResponse response = new MockHttpServletResponse();
    private MockHttpServletRequest request;
    private FilterChain chain;

    @Setup
    public void setup(Blackhole blackhole) throws Exception {
        filter = new SateLoginFilter(SateLoginConfig.builder()
                .apiKey("sk_bench_0123456789")
                .signingSecret("benchmark-signing-secret-0123456789abcdef")
                .build());
        filter.init(new MockFilterConfig("bench"));
        // a typical page request: an app session cookie and a few others, none of ours
        request = new MockHttpServletRequest("GET", "/products/42");
        request.addHeader("Cookie", "JSESSIONID=node01q8e9v3m0x7a2b1c4d5e6f7g8h9.node0; _ga=GA1.2.1234567890.1700000000;"
                + " theme=dark; consent=analytics%3Dfalse%26ads%3Dfalse; lang=en-GB");
        chain = (req, res) -> blackhole.consume(req);
    }

    @Benchmark
    public void bareChain() throws Exception {
        chain.doFilter(request, response);
    }

    /**
     * The bare chain after the four reads of the request the filter makes (method, URI, context path,
     * Cookie header): what the mock charges for them is the mock's, not ours, so the filter's own cost
     * is measured against this.
     */
    @Benchmark
    public void bareChainAfterTheFiltersReads(Blackhole blackhole) throws Exception {
        blackhole.consume(request.getMethod());
        blackhole.consume(request.getRequestURI());
        blackhole.consume(request.getContextPath());
        blackhole.consume(request.getHeader("Cookie"));
        chain.doFilter(request, response);
    }

    @Benchmark
    public void sateLoginFilterNothingToDo() throws Exception {
        filter.doFilter(request, response, chain);
    }
}
