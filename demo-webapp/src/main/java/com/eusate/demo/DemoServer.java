package com.eusate.demo;

import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * Runs the demo shop (its real {@code WEB-INF/web.xml}, both Sate filters in it) in an embedded
 * Jetty 12. Configured from the environment:
 * <ul>
 *   <li>{@code PORT} (default 8080; 0 picks a free one), {@code HOST} (default 127.0.0.1);</li>
 *   <li>{@code SATE_API_BASE_URL}: unset, the built-in Sate simulator under {@code /sate/} is used;</li>
 *   <li>{@code SATE_API_KEY}, {@code SATE_SIGNING_SECRET}: generated for this run when unset;</li>
 *   <li>{@code SATE_CALLBACK_TIMEOUT}: the filter's {@code callback-timeout} (default {@code PT5S});</li>
 *   <li>{@code SATE_STATE_TTL}: the filter's {@code state-ttl}, how long a login link is good for (default
 *       {@code PT10M}; {@code PT1M} lets you watch a link expire in a minute);</li>
 *   <li>{@code SATE_SHOP_URL}: the app the simulator plays Sate for, when it is not this demo's shop (for
 *       example the Spring Boot example at {@code http://127.0.0.1:8081}): the chat's login link and
 *       Sate's function call go there.</li>
 * </ul>
 * The web.xml reads these as {@code ${sys:sate.demo.*}}, which this class sets before the app starts.
 */
public final class DemoServer implements AutoCloseable {

    static final String API_BASE_URL_PROPERTY = "sate.demo.api-base-url";
    static final String API_KEY_PROPERTY = "sate.demo.api-key";
    static final String SIGNING_SECRET_PROPERTY = "sate.demo.signing-secret";
    static final String CALLBACK_TIMEOUT_PROPERTY = "sate.demo.callback-timeout";
    static final String STATE_TTL_PROPERTY = "sate.demo.state-ttl";
    static final String SHOP_URL_PROPERTY = "sate.demo.shop-url";

    private final Server server;
    private final URI baseUrl;
    private final boolean simulated;

    private DemoServer(Server server, URI baseUrl, boolean simulated) {
        this.server = server;
        this.baseUrl = baseUrl;
        this.simulated = simulated;
    }

    public static void main(String[] args) throws Exception {
        DemoServer demo;
        try {
            demo = start(System.getenv());
        } catch (IOException e) {
            if (!isBindFailure(e)) {
                throw e;
            }
            System.err.println("Port " + System.getenv().getOrDefault("PORT", "8080") + " is already in use: set PORT"
                    + " to a free port, for example PORT=8081 java -jar demo-webapp/target/sate-login-demo.jar");
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "demo-shutdown"));
        System.out.println();
        System.out.println(demo.simulated
                ? "Sate login demo is running: open " + demo.baseUrl() + "/sate/ to chat with the Sate simulator"
                        + " (sign in as alice / wonderland)"
                : "Sate login demo is running: open " + demo.baseUrl() + "/ (delivering tokens to the real Sate at "
                        + System.getProperty(API_BASE_URL_PROPERTY) + ")");
        System.out.println("Stop with Ctrl+C.");
        demo.server.join();
    }

    /** Starts the demo with settings from {@code env} (the variable names above). */
    public static DemoServer start(Map<String, String> env) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(env.getOrDefault("HOST", "127.0.0.1"));
        connector.setPort(Integer.parseInt(env.getOrDefault("PORT", "8080")));
        server.addConnector(connector);
        try {
            connector.open(); // bind now, so that the simulator's URL can name the real port
        } catch (IOException e) {
            server.stop();
            throw e;
        }
        URI baseUrl = URI.create("http://localhost:" + connector.getLocalPort());

        String realSate = env.get("SATE_API_BASE_URL");
        boolean simulated = realSate == null || realSate.isBlank();
        System.setProperty(API_BASE_URL_PROPERTY, simulated ? "http://127.0.0.1:" + connector.getLocalPort() + "/sate" : realSate);
        System.setProperty(API_KEY_PROPERTY, env.getOrDefault("SATE_API_KEY", "demo_" + random(24)));
        System.setProperty(SIGNING_SECRET_PROPERTY, env.getOrDefault("SATE_SIGNING_SECRET", random(32)));
        System.setProperty(CALLBACK_TIMEOUT_PROPERTY, env.getOrDefault("SATE_CALLBACK_TIMEOUT", "PT5S"));
        System.setProperty(STATE_TTL_PROPERTY, env.getOrDefault("SATE_STATE_TTL", "PT10M"));
        String shopUrl = env.get("SATE_SHOP_URL");
        if (shopUrl == null || shopUrl.isBlank()) {
            System.clearProperty(SHOP_URL_PROPERTY);
        } else {
            System.setProperty(SHOP_URL_PROPERTY, shopUrl);
        }

        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/");
        webapp.setBaseResource(ResourceFactory.of(webapp).newClassLoaderResource("webapp"));
        webapp.setParentLoaderPriority(true);
        webapp.setThrowUnavailableOnStartupException(true); // a misconfigured filter stops the demo
        server.setHandler(webapp);
        server.start();
        return new DemoServer(server, baseUrl, simulated);
    }

    /** The port was taken: Jetty wraps the JDK's BindException. */
    static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public URI baseUrl() {
        return baseUrl;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the demo server", e);
        }
    }
}
