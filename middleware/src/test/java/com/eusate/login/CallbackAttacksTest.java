package com.eusate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks through the callback: a server whose TLS certificate does not verify, and answers from
 * "Sate" that try to forge log lines or exhaust memory. (A non-https api-base-url is refused at
 * startup: {@link SateLoginConfigTest}; redirects are not followed: {@link SateLoginFlowTest}.)
 */
class CallbackAttacksTest extends LoginFlowFixture {

    @TempDir
    Path dir;

    @Test
    void aServerWhoseTlsCertificateDoesNotVerifyIsRefusedBeforeAnythingIsSent() throws Exception {
        Path keystore = dir.resolve("self-signed.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "impostor", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0,
                new String(keytool.getInputStream().readAllBytes()));
        assertTrue(Files.size(keystore) > 0);

        AtomicInteger reached = new AtomicInteger();
        Server impostor = new Server();
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStorePath(keystore.toString());
        tls.setKeyStorePassword("changeit");
        HttpConfiguration https = new HttpConfiguration();
        https.addCustomizer(new SecureRequestCustomizer(false));
        ServerConnector connector = new ServerConnector(impostor, new SslConnectionFactory(tls, "http/1.1"),
                new HttpConnectionFactory(https));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        impostor.addConnector(connector);
        impostor.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                                  org.eclipse.jetty.util.Callback callback) {
                reached.incrementAndGet();
                response.setStatus(200);
                callback.succeeded();
                return true;
            }
        });
        impostor.start();
        try {
            startApp(TestApp.Login.REDIRECT, b -> b.apiBaseUrl(URI.create("https://127.0.0.1:" + connector.getLocalPort()))
                    .callbackTimeout(java.time.Duration.ofSeconds(2)).maxBackgroundDeliveries(0));

            Browser.Page done = allowWith();

            assertTrue(done.body().contains("data-outcome=\"failed\""), done.body());
            assertEquals(0, reached.get(), "no request (so no API key, token or state) reached the impostor");
            assertTrue(logs.ours().stream().anyMatch(l -> l.contains("SSLHandshakeException")), logs.ours()::toString);
        } finally {
            impostor.stop();
        }
    }

    @Test
    void anAnswerFromSateCannotForgeALogLine() throws Exception {
        startApp();
        Browser.Page done = allowWith(new FakeSate.Status(400, Map.of(),
                "{\"detail\": \"bad state\\r\\nSEVERE: forged line\\u0085also\\u2028this\"}"));

        assertTrue(done.body().contains("data-outcome=\"failed\""));
        assertTrue(logs.lines().stream().noneMatch(l -> l.startsWith("SEVERE: forged")), logs.lines()::toString);
        assertTrue(logs.ours().stream().anyMatch(l -> l.contains("bad state??SEVERE: forged line?also?this")),
                logs.ours()::toString);
    }

    @Test
    void aLongDetailFromSateIsLoggedCutTo200Characters() throws Exception {
        startApp();
        String detail = "x".repeat(5_000) + "END";

        Browser.Page done = allowWith(new FakeSate.Status(400, Map.of(), "{\"detail\": \"" + detail + "\"}"));

        assertTrue(done.body().contains("data-outcome=\"failed\""));
        assertTrue(logs.ours().stream().anyMatch(l -> l.contains("(HTTP 400: " + "x".repeat(200) + "...)")),
                logs.ours()::toString);
        assertTrue(logs.ours().stream().noneMatch(l -> l.contains("x".repeat(201)) || l.contains("END")));
    }

    @Test
    void aHugeAnswerFromSateIsCutAt16KiBBeforeItIsParsed() throws Exception {
        startApp();
        // complete, this is valid JSON with a long detail; cut at 16 KiB it is not JSON at all
        String huge = "{\"detail\": \"" + "y".repeat(2_000_000) + "\"}";

        Browser.Page done = allowWith(new FakeSate.Status(400, Map.of(), huge));

        assertTrue(done.body().contains("data-outcome=\"failed\""));
        assertTrue(logs.ours().stream().anyMatch(l -> l.contains("(HTTP 400: )")),
                "only the first 16 KiB were kept, which do not parse: " + logs.ours());
        assertTrue(logs.ours().stream().noneMatch(l -> l.contains("yyyyyyyyyy")));
    }
}
