package com.eusate.login.spring.shop;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A real OpenID Connect provider on 127.0.0.1: NAV's mock-oauth2-server (from Maven Central, copied
 * by {@code spring-boot-tests/oidc-provider}) started as a process of its own. It signs customers in
 * without a form ({@code interactiveLogin=false}): whoever is sent to its authorize endpoint comes back
 * as {@value #CUSTOMER}, through the real authorization-code flow (discovery, authorize redirect,
 * code, token endpoint with the client secret, ID token checked against its JWKS, userinfo).
 */
final class OidcProvider {

    static final String ISSUER_ID = "shop-idp";
    static final String CUSTOMER = "carol";

    private static OidcProvider started;

    private final Process process;
    private final URI issuer;

    private OidcProvider(Process process, URI issuer) {
        this.process = process;
        this.issuer = issuer;
    }

    /** One provider for the whole test JVM, stopped when it exits. */
    static synchronized OidcProvider get() {
        if (started == null) {
            started = start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> started.process.destroy()));
        }
        return started;
    }

    URI issuer() {
        return issuer;
    }

    private static OidcProvider start() {
        String lib = System.getProperty("oidc.provider.lib");
        if (lib == null || !Files.isDirectory(Path.of(lib))) {
            throw new IllegalStateException("oidc.provider.lib must name spring-boot-tests/oidc-provider/target/lib"
                    + " (build that module first), but was [" + lib + "]");
        }
        try {
            int port;
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", lib + File.separator + "*", "no.nav.security.mock.oauth2.StandaloneMockOAuth2ServerKt");
            builder.environment().put("SERVER_HOSTNAME", "127.0.0.1");
            builder.environment().put("SERVER_PORT", Integer.toString(port));
            builder.environment().put("JSON_CONFIG", "{\"interactiveLogin\":false,\"tokenCallbacks\":[{\"issuerId\":\""
                    + ISSUER_ID + "\",\"requestMappings\":[{\"requestParam\":\"grant_type\",\"match\":\"authorization_code\",\"claims\":"
                    + "{\"sub\":\"" + CUSTOMER + "\"}}]}]}");
            File log = new File(System.getProperty("java.io.tmpdir"), "sate-oidc-provider-" + port + ".log");
            builder.redirectErrorStream(true).redirectOutput(log);
            Process process = builder.start();
            URI issuer = URI.create("http://127.0.0.1:" + port + "/" + ISSUER_ID);
            awaitDiscovery(process, issuer, log);
            return new OidcProvider(process, issuer);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the OpenID Connect provider", e);
        }
    }

    /** Waits until the provider serves its discovery document (the JVM's start-up takes a few seconds). */
    private static void awaitDiscovery(Process process, URI issuer, File log) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the provider exited; see " + log);
            }
            try {
                if (http.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        process.destroy();
        throw new IllegalStateException("the provider did not serve its discovery document within 60 s; see " + log);
    }
}
