package com.eusate.login;

import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.util.Collections;
import java.util.Enumeration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What SateLoginFilter adds to a request it has nothing to do with (no pending state, not a login
 * path), against the bare filter chain: the cost every request of the app pays.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FilterBenchmark {

    private SateLoginFilter filter;
    private final NullResponse response = new NullResponse();
    private ServletRequest request;
    private FilterChain chain;

    /** A typical page request: an app session cookie and a few others, none of ours. */
    static final class PageRequest extends NullRequest {
        @Override
        public String getMethod() {
            return "GET";
        }

        @Override
        public String getRequestURI() {
            return "/products/42";
        }

        @Override
        public String getContextPath() {
            return "";
        }

        @Override
        public String getHeader(String name) {
            return "Cookie".equalsIgnoreCase(name)
                    ? "JSESSIONID=node01q8e9v3m0x7a2b1c4d5e6f7g8h9.node0; _ga=GA1.2.1234567890.1700000000; theme=dark;"
                    + " consent=analytics%3Dfalse%26ads%3Dfalse; lang=en-GB"
                    : null;
        }
    }

    @Setup
    public void setup(Blackhole blackhole) throws Exception {
        filter = new SateLoginFilter(SateLoginConfig.builder()
                .apiKey("sk_bench_0123456789")
                .signingSecret("benchmark-signing-secret-0123456789abcdef")
                .build());
        filter.init(new FilterConfig() {
            @Override
            public String getFilterName() {
                return "bench";
            }

            @Override
            public ServletContext getServletContext() {
                return null;
            }

            @Override
            public String getInitParameter(String name) {
                return null;
            }

            @Override
            public Enumeration<String> getInitParameterNames() {
                return Collections.emptyEnumeration();
            }
        });
        request = new PageRequest();
        chain = (req, res) -> blackhole.consume(req);
    }

    @Benchmark
    public void bareChain() throws Exception {
        chain.doFilter(request, response);
    }

    @Benchmark
    public void sateLoginFilterNothingToDo() throws Exception {
        filter.doFilter(request, response, chain);
    }
}
