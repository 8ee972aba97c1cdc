package com.eusate.demo;

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
 *   <li>{@code SATE_API_KEY}, {@code SATE_SIGNING_SECRET}: generated for this run when unset.</li>
 * </ul>
 * The web.xml reads these as {@code ${sys:sate.demo.*}}, which this class sets before the app starts.
 */
public final class DemoServer implements AutoCloseable {

    static final String API_BASE_URL_PROPERTY = "sate.demo.api-base-url";
    static final String API_KEY_PROPERTY = "sate.demo.api-key";
    static final String SIGNING_SECRET_PROPERTY = "sate.demo.signing-secret";

    private final Server server;
    private final URI baseUrl;
    private final boolean simulated;

    private DemoServer(Server server, URI baseUrl, boolean simulated) {
        this.server = server;
        this.baseUrl = baseUrl;
        this.simulated = simulated;
    }

    public static void main(String[] args) throws Exception {
        DemoServer demo = start(System.getenv());
        Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "demo-shutdown"));
        System.out.println();
        System.out.println("Sate login demo is running: open " + demo.baseUrl() + "/");
        System.out.println(demo.simulated
                ? "Sate simulator: " + demo.baseUrl() + "/sate/ (start a chat there; sign in as alice / wonderland)"
                : "Delivering tokens to the real Sate at " + System.getProperty(API_BASE_URL_PROPERTY));
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
        connector.open(); // bind now, so that the simulator's URL can name the real port
        URI baseUrl = URI.create("http://localhost:" + connector.getLocalPort());

        String realSate = env.get("SATE_API_BASE_URL");
        boolean simulated = realSate == null || realSate.isBlank();
        System.setProperty(API_BASE_URL_PROPERTY, simulated ? "http://127.0.0.1:" + connector.getLocalPort() + "/sate" : realSate);
        System.setProperty(API_KEY_PROPERTY, env.getOrDefault("SATE_API_KEY", "demo_" + random(24)));
        System.setProperty(SIGNING_SECRET_PROPERTY, env.getOrDefault("SATE_SIGNING_SECRET", random(32)));

        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/");
        webapp.setBaseResource(ResourceFactory.of(webapp).newClassLoaderResource("webapp"));
        webapp.setParentLoaderPriority(true);
        webapp.setThrowUnavailableOnStartupException(true); // a misconfigured filter stops the demo
        server.setHandler(webapp);
        server.start();
        return new DemoServer(server, baseUrl, simulated);
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
