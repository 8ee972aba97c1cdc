package com.eusate.login;

import com.eusate.login.internal.verify.VerifiedRequest;
import com.eusate.login.verify.VerifiedToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;

/**
 * An app's function side in a real embedded Jetty 12: {@code /api/*} behind the filter under test.
 * {@code /api/whoami} answers what the app sees (principal, remote user, the verified token, the
 * body and form parameters it can still read); {@code /logout} revokes the caller's tokens the way an
 * app's logout handler would. {@code /api/orders} serves the app's own frontend (signed in through
 * {@code /app-login}, a session) and Sate alike, as real apps' endpoints do; {@code /stats} reads the
 * token filter's counters the way a {@code web.xml} app can.
 */
final class FunctionApp implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Server server;

    FunctionApp(Filter filter) throws Exception {
        server = Loopback.server();
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/");
        context.addFilter(new FilterHolder(filter), "/api/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new WhoAmI()), "/api/whoami");
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                String user = req.getUserPrincipal() != null ? req.getUserPrincipal().getName()
                        : req.getSession(false) != null ? (String) req.getSession(false).getAttribute("user") : null;
                if (user == null) {
                    resp.setStatus(401); // the app's own answer: sign in first
                    resp.getWriter().write("{\"error\":\"login_required\"}");
                    return;
                }
                resp.setContentType("application/json");
                resp.getWriter().write("{\"ordersOf\":\"" + user + "\",\"via\":\""
                        + (req.getAttribute(SateTokenFilter.TOKEN_ATTRIBUTE) != null ? "sate" : "session") + "\"}");
            }
        }), "/api/orders");
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
                req.getSession(true).setAttribute("user", req.getParameter("user"));
                resp.setStatus(204);
            }
        }), "/app-login");
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.setContentType("application/json");
                resp.getWriter().write(JSON.writeValueAsString(SateTokenFilter.stats(req.getServletContext())));
            }
        }), "/stats");
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void doPost(HttpServletRequest req, HttpServletResponse resp) {
                SateTokenFilter.revocationStore(req.getServletContext())
                        .revokeSubject(req.getParameter("user"), Instant.now());
                resp.setStatus(204);
            }
        }), "/logout");
        server.setHandler(context);
        server.start();
    }

    URI baseUrl() {
        return Loopback.baseUrl(server);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private static final class WhoAmI extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("principal", req.getUserPrincipal() == null ? null : req.getUserPrincipal().getName());
            out.put("remoteUser", req.getRemoteUser());
            VerifiedToken token = (VerifiedToken) req.getAttribute(SateTokenFilter.TOKEN_ATTRIBUTE);
            out.put("jti", token == null ? null : token.tokenId());
            out.put("kid", token == null ? null : token.keyId());
            out.put("tier", token == null ? null : token.claims().get("tier"));
            if (VerifiedRequest.isForm(req.getContentType())) {
                out.put("form", req.getParameter("item"));
            } else if (req.getContentType() != null) {
                out.put("body", new String(req.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
            resp.setContentType("application/json");
            resp.getWriter().write(JSON.writeValueAsString(out));
        }
    }
}
