package com.eusate.legacy.tomcat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;

/**
 * A real embedded Tomcat 9 (Servlet 4.0) on 127.0.0.1 and a free port, serving a web app directory
 * with its WEB-INF/web.xml as written. It knows alice / wonderland in role customer, for the
 * container's own FORM login.
 */
final class Tomcat9 implements AutoCloseable {

    private final Tomcat tomcat;
    private final Context context;

    @SuppressWarnings("deprecation") // addServletMappingDecoded(String, String): the call Tomcat 9 and 10.1 share
    Tomcat9(Path webapp) throws Exception {
        tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("tomcat9").toString());
        tomcat.getConnector().setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        tomcat.addUser("alice", "wonderland");
        tomcat.addRole("alice", "customer");
        tomcat.setAddDefaultWebXmlToWebapp(false); // no JSP engine here; the apps use servlets only
        context = tomcat.addWebapp("", webapp.toAbsolutePath().toString());
        // A real Tomcat maps its DefaultServlet to "/" (conf/web.xml); without a servlet for a path it
        // answers 404 before running filters, and the filter's consent page needs one.
        Wrapper fallback = context.createWrapper();
        fallback.setName("default");
        fallback.setServletClass("org.apache.catalina.servlets.DefaultServlet");
        context.addChild(fallback);
        context.addServletMappingDecoded("/", "default");
        tomcat.start();
        if (!context.getState().isAvailable()) {
            throw new IllegalStateException("the web app did not start (a filter's init failed?): " + context.getState());
        }
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort());
    }

    /** The Servlet API version the container implements, as the web app sees it. */
    String servletVersion() {
        return context.getServletContext().getMajorVersion() + "." + context.getServletContext().getMinorVersion();
    }

    @Override
    public void close() throws LifecycleException {
        tomcat.stop();
        tomcat.destroy();
    }
}
