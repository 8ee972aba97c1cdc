package com.eusate.login;

import com.eusate.login.signin.SateLoginConfig;
import com.eusate.login.verify.SateTokenConfig;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ValveBase;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * The embedded Tomcat 11 that {@link ContainerHarness} loads: a plain page of 1 KB and an API that
 * checks nothing, each bare ({@code /bare/page}, {@code /bare/api}) and behind its filter
 * ({@code /app/page} behind {@code SateLoginFilter}, {@code /fn/api} behind {@code SateTokenFilter}),
 * and a valve that charges each request's CPU time to its path.
 */
final class MeasuredTomcat {

    static final String SECRET = "container-benchmark-secret-0123456789abcdef";
    private static final String PAGE = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Products</title>"
            + "</head><body><h1>Our products</h1>" + "<p>A plain page of the app, about one kilobyte long.</p>".repeat(16)
            + "</body></html>";

    /** In-thread CPU time of the requests served, by path. */
    static final Map<String, CpuHistogram> CPU_BY_PATH = new ConcurrentHashMap<>();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private MeasuredTomcat() {
    }

    /** Started on 127.0.0.1, a free port, with both filters as the guides declare them. */
    static Tomcat start(Path base) throws LifecycleException {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context ctx = tomcat.addContext("", base.toString());
        Tomcat.addServlet(ctx, "page", answering("text/html;charset=UTF-8", PAGE));
        Tomcat.addServlet(ctx, "api", answering("application/json", "{\"orders\":[{\"id\":42,\"status\":\"shipped\"}]}"));
        ctx.addServletMappingDecoded("/bare/page", "page");
        ctx.addServletMappingDecoded("/app/page", "page");
        ctx.addServletMappingDecoded("/bare/api", "api");
        ctx.addServletMappingDecoded("/fn/api", "api");
        filter(ctx, "sateLogin", new SateLoginFilter(SateLoginConfig.builder().apiKey("sk_bench_0123456789")
                .signingSecret(SECRET).build()), "/app/*");
        filter(ctx, "sateToken", new SateTokenFilter(SateTokenConfig.builder().signingSecret(SECRET).build()), "/fn/*");
        ctx.getPipeline().addValve(new CpuByPath());
        tomcat.start();
        return tomcat;
    }

    /** A servlet that answers every GET with {@code body}: a page or an API that checks nothing. */
    private static HttpServlet answering(String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
                res.setContentType(contentType);
                res.setContentLength(bytes.length);
                res.getOutputStream().write(bytes);
            }
        };
    }

    private static void filter(Context ctx, String name, Filter filter, String pattern) {
        FilterDef def = new FilterDef();
        def.setFilterName(name);
        def.setFilter(filter);
        def.setAsyncSupported("true"); // as the web.xml guide and the starter declare it
        ctx.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName(name);
        map.addURLPattern(pattern);
        ctx.addFilterMap(map);
    }

    /** First in the context's pipeline: the request thread's CPU time for the rest of it, by path. */
    private static final class CpuByPath extends ValveBase {
        CpuByPath() {
            super(true);
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            long start = THREADS.getCurrentThreadCpuTime();
            try {
                getNext().invoke(request, response);
            } finally {
                long used = THREADS.getCurrentThreadCpuTime() - start;
                CPU_BY_PATH.computeIfAbsent(request.getRequestURI(), p -> new CpuHistogram()).add(used);
            }
        }
    }
}
