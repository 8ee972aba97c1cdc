package com.eusate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.eusate.login.signin.SubjectResolver;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Principal;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code session:NAME} on a value shaped like Spring Security's {@code SecurityContext} (a public
 * {@code getAuthentication()} returning a {@link Principal} with {@code isAuthenticated()}), in a real
 * Jetty session and without Spring: the authenticated principal's name, else nobody. Other values keep
 * their old meaning. The Spring apps themselves are run by boot4's WithoutTheStarterFlowTest and
 * javax-tests' SpringBoot27WithoutTheStarterFlowTest.
 */
class SessionSecurityContextSubjectTest {

    /** Shaped like Spring Security's Authentication. */
    public record Authentication(String getName, boolean isAuthenticated) implements Principal {
    }

    /** Shaped like Spring Security's SecurityContextImpl. */
    public record SecurityContext(Authentication getAuthentication) {
    }

    private static final SubjectResolver RESOLVER = SubjectResolver.sessionAttribute("SPRING_SECURITY_CONTEXT");
    private Server server;

    @BeforeEach
    void start() throws Exception {
        server = Loopback.server();
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                Object value = switch (req.getParameter("value")) {
                    case "authenticated" -> new SecurityContext(new Authentication("alice", true));
                    case "not-authenticated" -> new SecurityContext(new Authentication("alice", false));
                    case "empty" -> new SecurityContext(null);
                    default -> req.getParameter("value");
                };
                req.getSession(true).setAttribute("SPRING_SECURITY_CONTEXT", value);
                resp.getWriter().write(RESOLVER.subjectOf(req).orElse("(nobody)"));
            }
        }), "/");
        server.setHandler(context);
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private String subjectFor(String value) throws Exception {
        URI uri = Loopback.baseUrl(server).resolve("/?value=" + value);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void anAuthenticatedSecurityContextIsItsPrincipalsName() throws Exception {
        assertEquals("alice", subjectFor("authenticated"));
    }

    @Test
    void aSecurityContextThatIsNotAuthenticatedOrHoldsNoAuthenticationIsNobody() throws Exception {
        assertEquals("(nobody)", subjectFor("not-authenticated"));
        assertEquals("(nobody)", subjectFor("empty"));
    }

    @Test
    void aPlainValueIsStillItsStringValue() throws Exception {
        assertEquals("bob", subjectFor("bob"));
    }
}
