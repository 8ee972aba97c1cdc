package com.eusate.login;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.security.Credential;

/**
 * Deploys a web app directory (its WEB-INF/web.xml as written) in a real embedded container on
 * 127.0.0.1 and a free port. Both containers know the customer alice / wonderland in role customer,
 * for the container's own FORM login.
 */
final class Containers {

    /** A started container: where it serves, and how to stop it. */
    record Running(URI baseUrl, AutoCloseable stop) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            stop.close();
        }
    }

    private Containers() {
    }

    static Running tomcat(Path webapp) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("tomcat").toString());
        tomcat.getConnector().setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        tomcat.addUser("alice", "wonderland");
        tomcat.addRole("alice", "customer");
        tomcat.setAddDefaultWebXmlToWebapp(false); // no JSP engine here; the apps use servlets only
        Context context = tomcat.addWebapp("", webapp.toAbsolutePath().toString());
        // A real Tomcat maps its DefaultServlet to "/" (conf/web.xml). Without any servlet for a path,
        // Tomcat answers 404 before running filters, so the filter's consent page needs it too.
        Wrapper fallback = context.createWrapper();
        fallback.setName("default");
        fallback.setServletClass("org.apache.catalina.servlets.DefaultServlet");
        context.addChild(fallback);
        context.addServletMappingDecoded("/", "default");
        tomcat.start();
        return new Running(URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort()), () -> {
            tomcat.stop();
            tomcat.destroy();
        });
    }

    static Running jetty(Path webapp) throws Exception {
        Server server = Loopback.server();
        WebAppContext context = new WebAppContext();
        context.setContextPath("/");
        context.setBaseResource(ResourceFactory.of(context).newResource(webapp.toAbsolutePath()));
        context.setParentLoaderPriority(true);
        context.setThrowUnavailableOnStartupException(true);
        UserStore users = new UserStore();
        users.addUser("alice", Credential.getCredential("wonderland"), new String[] {"customer"});
        HashLoginService login = new HashLoginService("shop");
        login.setUserStore(users);
        context.getSecurityHandler().setLoginService(login);
        server.setHandler(context);
        server.start();
        return new Running(Loopback.baseUrl(server), server::stop);
    }
}
