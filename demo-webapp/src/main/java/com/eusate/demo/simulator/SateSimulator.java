package com.eusate.demo.simulator;

import com.auth0.jwt.JWT;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Plays Sate for offline trials, under {@code /sate/}: a chat page that needs the customer to sign
 * in (with a fresh state in the login link), the login callback at
 * {@code /sate/api/v1/lab/login/callback/} enforcing Sate's documented contract, and, once
 * connected, a call to the shop's {@code /api/orders} with the token, as Sate makes it.
 */
public final class SateSimulator extends HttpServlet {

    static final String CALLBACK = "/api/v1/lab/login/callback/";
    private static final int MAX_CONVERSATIONS = 500;
    private static final int MAX_BODY = 16 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** One chat, waiting for its customer to sign in. */
    private static final class Conversation {
        final String id = random(12);
        final String state = random(24);
        volatile String subject;
        volatile Instant expiresAt;
        volatile String token; // held like Sate holds it; never shown
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Conversation> conversations = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Conversation> eldest) {
            return size() > MAX_CONVERSATIONS;
        }
    };
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private String apiKey;

    @Override
    public void init() throws ServletException {
        apiKey = System.getProperty("sate.demo.api-key");
        if (apiKey == null) {
            throw new ServletException("SateSimulator needs the system property sate.demo.api-key (set by DemoServer)");
        }
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return B64.encodeToString(b);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        if (path.equals("/")) {
            Conversation c = new Conversation();
            synchronized (conversations) {
                conversations.put(c.id, c);
            }
            response.sendRedirect(request.getContextPath() + "/sate/chat/" + c.id);
            return;
        }
        if (path.startsWith("/chat/")) {
            Conversation c;
            synchronized (conversations) {
                c = conversations.get(path.substring("/chat/".length()));
            }
            if (c == null) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND, "No such chat; start a new one at /sate/");
                return;
            }
            chat(request, response, c);
            return;
        }
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }

    private void chat(HttpServletRequest request, HttpServletResponse response, Conversation c) throws IOException {
        String ctx = request.getContextPath();
        StringBuilder body = new StringBuilder("<h1>Sate (simulator)</h1>")
                .append("<p class=\"you\"><b>You:</b> Where are my orders?</p>");
        if (c.token == null) {
            body.append("<p class=\"sate\" id=\"status\" data-status=\"waiting\"><b>Sate:</b> I need you to sign in"
                            + " to Acme Demo Shop first, so that I can look at your orders.</p>")
                    .append("<p><a id=\"login-link\" href=\"").append(escape(ctx + "/login?state=" + c.state))
                    .append("\">Sign in to Acme Demo Shop</a></p>")
                    .append("<p class=\"note\">Not connected yet. This page refreshes every 3 seconds.</p>");
            response.setHeader("Refresh", "3");
        } else {
            body.append("<p class=\"sate\" id=\"status\" data-status=\"connected\"><b>Sate:</b> Thanks! I'm connected as <b id=\"subject\">")
                    .append(escape(c.subject)).append("</b>; the token expires at <span id=\"expires\">")
                    .append(escape(c.expiresAt.toString())).append("</span>.</p>")
                    .append("<p>I called <code>GET /api/orders</code> with it:</p>")
                    .append(callOrders(request, c));
        }
        body.append("<p><a href=\"").append(ctx).append("/sate/\">Start a new chat</a></p>");
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Sate chat (simulator)</title><style>body{font-family:system-ui,sans-serif;max-width:40rem;"
                + "margin:3rem auto;padding:0 1rem}.note{color:#666}pre{background:#f4f4f4;padding:1rem}</style>"
                + "</head><body>" + body + "</body></html>");
    }

    /** Calls the shop's protected function with the token, exactly as Sate would. */
    private String callOrders(HttpServletRequest request, Conversation c) {
        URI orders = URI.create("http://127.0.0.1:" + request.getLocalPort() + request.getContextPath() + "/api/orders");
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(orders).timeout(Duration.ofSeconds(5))
                    .header("Authorization", "Bearer " + c.token).GET().build(), HttpResponse.BodyHandlers.ofString());
            return "<pre id=\"orders\" data-http-status=\"" + answer.statusCode() + "\">HTTP " + answer.statusCode()
                    + "\n" + escape(answer.body()) + "</pre>";
        } catch (IOException e) {
            return "<pre id=\"orders\">" + escape(e.getClass().getSimpleName()) + "</pre>";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "<pre id=\"orders\">interrupted</pre>";
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!CALLBACK.equals(request.getPathInfo())) {
            answer(response, 404, Map.of("detail", "Not found"));
            return;
        }
        String auth = request.getHeader("Authorization");
        if (auth == null || !MessageDigest.isEqual(auth.getBytes(), ("Bearer " + apiKey).getBytes())) {
            answer(response, 403, Map.of("detail", "Invalid API key"));
            return;
        }
        String type = request.getContentType();
        if (type == null || !type.startsWith("application/json")) {
            answer(response, 400, Map.of("detail", "Content-Type must be application/json"));
            return;
        }
        byte[] raw = request.getInputStream().readNBytes(MAX_BODY + 1);
        JsonNode json;
        try {
            json = raw.length > MAX_BODY ? null : JSON.readTree(raw);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject() || json.size() != 3 || !json.path("auth_token").isTextual()
                || !json.path("auth_token_expires_at_seconds").isIntegralNumber() || !json.path("state").isTextual()) {
            answer(response, 400, Map.of("detail", "Send exactly auth_token (string), auth_token_expires_at_seconds"
                    + " (integer Unix seconds) and state (string)"));
            return;
        }
        long expires = json.get("auth_token_expires_at_seconds").asLong();
        if (expires <= Instant.now().getEpochSecond()) {
            answer(response, 400, Map.of("detail", "auth_token_expires_at_seconds is in the past"));
            return;
        }
        Conversation c = waitingFor(json.get("state").asText());
        if (c == null) {
            answer(response, 400, Map.of("detail", "Invalid or already used state"));
            return;
        }
        String token = json.get("auth_token").asText();
        try {
            c.subject = JWT.decode(token).getSubject();
        } catch (RuntimeException notAJwt) {
            c.subject = "(an opaque token)";
        }
        c.expiresAt = Instant.ofEpochSecond(expires);
        c.token = token;
        answer(response, 200, Map.of("success", true));
    }

    private Conversation waitingFor(String state) {
        synchronized (conversations) {
            for (Conversation c : conversations.values()) {
                if (c.token == null && MessageDigest.isEqual(c.state.getBytes(), state.getBytes())) {
                    return c;
                }
            }
            return null;
        }
    }

    private static void answer(HttpServletResponse response, int status, Map<String, Object> body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter().write(JSON.writeValueAsString(body));
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
