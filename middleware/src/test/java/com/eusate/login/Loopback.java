package com.eusate.login;

import java.net.URI;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** A Jetty server on 127.0.0.1 and a free port, as every test server here needs. */
public final class Loopback {

    private Loopback() {
    }

    public static Server server() {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        return server;
    }

    /** The base URL of a started server. */
    public static URI baseUrl(Server server) {
        return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
    }
}
