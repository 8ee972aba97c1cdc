package com.eusate.login;

import java.net.URI;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * A loopback Jetty answering every callback {@code 200 {"success": true}}, as fast as it can. Run by
 * its {@link #main} it serves from a process of its own, so that the CPU time and allocation the
 * delivery benchmarks measure in theirs are the client's only.
 */
final class SateStandIn implements AutoCloseable {

    /** Set to a stand-in's base URL, the delivery benchmarks use it instead of starting their own. */
    static final String URL_PROPERTY = "sate.standin.url";

    private final Server server = loopbackServer();

    /** A Jetty server on 127.0.0.1 and a free port, for every server of the benchmarks. */
    static Server loopbackServer() {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        return server;
    }

    /** The base URL of a started {@link #loopbackServer()}. */
    static URI baseUrl(Server server) {
        return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
    }

    SateStandIn() throws Exception {
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                Content.Source.consumeAll(request);
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                Content.Sink.write(response, true, "{\"success\": true}", callback);
                return true;
            }
        });
        server.start();
    }

    URI baseUrl() {
        return baseUrl(server);
    }

    /** Prints its base URL on one line, then serves until its standard input ends (its parent is gone). */
    public static void main(String[] args) throws Exception {
        try (SateStandIn sate = new SateStandIn()) {
            System.out.println(sate.baseUrl());
            System.out.flush();
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    /** A stand-in in a child JVM (same class path); closing the returned process's stdin ends it. */
    static Process startProcess() throws java.io.IOException {
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(javaBin, "-Xms256m", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                SateStandIn.class.getName()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
