package com.eusate.login;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The filter as a web app ships it: its jar and its libraries in WEB-INF, so that the web app's own
 * class loader loads them, deployed in a real Tomcat, used for one Sate login, and undeployed, 20
 * times. Tomcat must log no leak warning (a thread or a ThreadLocal left behind), and every
 * undeployed web app's class loader must become collectable. The JVM runs with
 * {@code -XX:SoftRefLRUPolicyMSPerMB=0} (see the pom): the JDK's soft caches (reflection, serialisation
 * of the sessions Tomcat saves at undeploy) hold a loader only until memory runs short, which is not a
 * leak, and that flag empties them on every collection instead.
 */
class UndeployLeakTest {

    private static final int CYCLES = 20;
    private static final String API_KEY = "sk_leak_" + UUID.randomUUID().toString().replace("-", "");
    private static final String SECRET = "undeploy-leak-test-signing-secret-" + UUID.randomUUID();
    /** The logger of Tomcat's web-app class loader, which reports leaks at undeploy; held strongly so that the capturing handler stays attached. */
    private static final Logger CATALINA = Logger.getLogger("org.apache.catalina.loader");

    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                String message = record.getMessage();
                Object[] params = record.getParameters();
                if (params != null) {
                    message = java.text.MessageFormat.format(message, params);
                }
                warnings.add(record.getLoggerName() + ": " + message);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private FakeSate sate;
    private Tomcat tomcat;

    @BeforeEach
    void start() throws Exception {
        CATALINA.addHandler(capture);
        sate = new FakeSate(API_KEY);
        System.setProperty("sate.leak.api-key", API_KEY);
        System.setProperty("sate.leak.signing-secret", SECRET);
        System.setProperty("sate.leak.api-base-url", sate.baseUrl().toString());
        tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("tomcat-leak").toString());
        tomcat.getConnector().setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        tomcat.setAddDefaultWebXmlToWebapp(false);
        tomcat.getHost().setAutoDeploy(false);
        tomcat.start();
    }

    @AfterEach
    void stop() throws Exception {
        CATALINA.removeHandler(capture);
        tomcat.stop();
        tomcat.destroy();
        sate.close();
    }

    @Test
    void twentyDeployUndeployCyclesLeaveNoLeakWarningAndEveryWebAppClassLoaderIsCollected() throws Exception {
        Path webapp = webAppWithTheFilterInWebInf();
        List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
        URI base = URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/");
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            Context context = tomcat.addWebapp("/shop", webapp.toString());
            ClassLoader loader = context.getLoader().getClassLoader();
            assertEquals(loader, context.getServletContext().getClassLoader());
            loaders.add(new WeakReference<>(loader));
            signInOnce(base, cycle);
            tomcat.getHost().removeChild(context); // undeploy: stop, destroy
            loader = null;
        }
        long still = collect(loaders, 60_000);
        assertAll(
                () -> assertEquals(List.of(), warnings, "what Tomcat's class loader warned about at undeploy"),
                () -> assertEquals(0, still, still + " of " + CYCLES + " undeployed web-app class loaders were still"
                        + " reachable after 60 s of collections"),
                () -> assertEquals(List.of(), List.of(((StandardHost) tomcat.getHost()).findReloadedContextMemoryLeaks()),
                        "web apps Tomcat reports as leaking (the manager's findleaks)"));
    }

    /**
     * One real login through the filter, so that the callback client has sent something; in every
     * other cycle Sate first answers 503 with Retry-After: 1, so that the retry goes the asynchronous
     * way (the path whose body a timer could bound, and whose threads the JDK's could keep).
     */
    private void signInOnce(URI base, int cycle) throws Exception {
        if (cycle % 2 == 0) {
            sate.enqueue(new FakeSate.Status(503, Map.of("Retry-After", "1"), "{}"));
        }
        Browser browser = new Browser(base);
        String state = "st_leak_" + cycle + "_" + UUID.randomUUID();
        assertEquals(200, browser.get("/shop/login?state=" + state).status());
        Browser.Page consent = browser.follow(browser.post("/shop/login",
                Map.of("username", "alice", "password", "wonderland")));
        assertTrue(consent.uri().getPath().endsWith("/sate-login/consent"), consent.uri().toString());
        Browser.Page done = browser.follow(browser.post("/shop/sate-login/consent", Map.of(
                "attempt", consent.formValue("attempt"), "csrf", consent.formValue("csrf"), "decision", "allow")));
        assertTrue(done.body().contains("data-outcome=\"connected\""), done.body());
        assertEquals(cycle, sate.accepted().size());
    }

    /** Collects until every loader is gone or {@code millis} have passed; returns how many remain. */
    private static long collect(List<WeakReference<ClassLoader>> loaders, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        long still;
        while ((still = loaders.stream().filter(r -> r.get() != null).count()) > 0
                && System.currentTimeMillis() < end) {
            System.gc();
            Thread.sleep(250);
        }
        return still;
    }

    /**
     * The hand-rolled shop's web.xml with the filter's classes and libraries copied into WEB-INF (the
     * shop's own servlets stay with the test, as a parent-loaded library would).
     */
    private static Path webAppWithTheFilterInWebInf() throws Exception {
        Path dir = Files.createTempDirectory("leak-shop");
        Path webInf = Files.createDirectories(dir.resolve("WEB-INF"));
        String webXml = Files.readString(Path.of("src/test/webapps/handrolled/WEB-INF/web.xml"))
                .replace("sate.test.", "sate.leak.")
                .replace("</web-app>", "  <servlet><servlet-name>default</servlet-name>"
                        + "<servlet-class>org.apache.catalina.servlets.DefaultServlet</servlet-class></servlet>\n"
                        + "  <servlet-mapping><servlet-name>default</servlet-name><url-pattern>/</url-pattern>"
                        + "</servlet-mapping>\n</web-app>");
        Files.writeString(webInf.resolve("web.xml"), webXml);
        for (Class<?> library : List.of(SateLoginFilter.class, JWT.class, ObjectMapper.class, JsonFactory.class,
                JsonProperty.class)) {
            Path from = Path.of(library.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(from)) {
                copyTree(from, webInf.resolve("classes"));
            } else {
                Files.createDirectories(webInf.resolve("lib"));
                Files.copy(from, webInf.resolve("lib").resolve(from.getFileName()));
            }
        }
        return dir;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
