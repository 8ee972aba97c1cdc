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

/** A loopback Jetty answering every callback {@code 200 {"success": true}}, as fast as it can. */
final class SateStandIn implements AutoCloseable {

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

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
