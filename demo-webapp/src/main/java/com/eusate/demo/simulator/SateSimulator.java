package com.eusate.demo.simulator;

import com.auth0.jwt.JWT;
import com.eusate.login.signin.SateLoginEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Plays Sate for offline trials, under {@code /sate/}: a chat page that needs the customer to sign
 * in (with a fresh state in the login link, opened in a new tab), the login callback at
 * {@code /sate/api/v1/lab/login/callback/} enforcing Sate's documented contract, and, once
 * connected, a call to the shop's {@code /api/orders} with the token, as Sate makes it. The chat
 * also shows the other outcomes: a Deny (as the shop's {@link ShopEvents} reported it), a link that
 * expired, and, on request, a failed callback (answered 400) or a slow one (the customer sees
 * "almost there"). {@code /sate/back} returns to this browser's latest chat: the shop's
 * {@code return-url}.
 */
public final class SateSimulator extends HttpServlet {

    static final String CALLBACK = "/api/v1/lab/login/callback/";
    /** How long a login link is good for: the demo's state-ttl. */
    private LinkTtl linkTtl;
    /** How long a slow callback takes: longer than the demo's callback-timeout. */
    static final Duration SLOW = Duration.ofSeconds(Long.getLong("sate.demo.slow-seconds", 6));
    private static final String CHAT_COOKIE = "sate_simulator_chat";
    private static final int MAX_CONVERSATIONS = 500;
    private static final int MAX_BODY = 16 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** One chat, waiting for its customer to sign in. */
    private static final class Conversation {
        final String id = random(12);
        final String state = random(24);
        final Instant createdAt = Instant.now();
        volatile boolean failNext;
        volatile boolean slowNext;
        volatile boolean failed;
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
    private String apiKey;
    private ShopFunction shop;

    @Override
    public void init() throws ServletException {
        apiKey = System.getProperty("sate.demo.api-key");
        if (apiKey == null) {
            throw new ServletException("SateSimulator needs the system property sate.demo.api-key (set by DemoServer)");
        }
        shop = new ShopFunction(System.getProperty("sate.demo.shop-url"));
        linkTtl = LinkTtl.parse(System.getProperty("sate.demo.state-ttl", "PT10M"));
    }

    /** Undeployed: the client that called the shop stops its thread (JDK 21+) and pins nothing. */
    @Override
    public void destroy() {
        shop.close();
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return B64.encodeToString(b);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        String ctx = request.getContextPath();
        if (path.equals("/")) {
            Conversation c = new Conversation();
            synchronized (conversations) {
                conversations.put(c.id, c);
            }
            response.addHeader("Set-Cookie", CHAT_COOKIE + "=" + c.id + "; Path=" + ctx + "/sate; HttpOnly; SameSite=Lax");
            response.sendRedirect(ctx + "/sate/chat/" + c.id);
            return;
        }
        if (path.equals("/back")) { // the shop's return-url: this browser's latest chat
            Conversation c = conversation(cookie(request, CHAT_COOKIE));
            response.sendRedirect(ctx + (c == null ? "/sate/" : "/sate/chat/" + c.id));
            return;
        }
        if (path.startsWith("/chat/")) {
            Conversation c = conversation(path.substring("/chat/".length()));
            if (c == null) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND, "No such chat; start a new one at /sate/");
                return;
            }
            chat(request, response, c);
            return;
        }
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }

    private Conversation conversation(String id) {
        if (id == null) {
            return null;
        }
        synchronized (conversations) {
            return conversations.get(id);
        }
    }

    private static String cookie(HttpServletRequest request, String name) {
        if (request.getCookies() != null) {
            for (jakarta.servlet.http.Cookie cookie : request.getCookies()) {
                if (cookie.getName().equals(name)) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    private void chat(HttpServletRequest request, HttpServletResponse response, Conversation c) throws IOException {
        String ctx = request.getContextPath();
        StringBuilder body = new StringBuilder("<h1>Sate (simulator)</h1>")
                .append("<p class=\"you\"><b>You:</b> Where are my orders?</p>");
        SateLoginEvent.Type reported = ShopEvents.lastFor(c.state);
        boolean refresh = false;
        if (c.token != null) {
            body.append("<p class=\"sate\" id=\"status\" data-status=\"connected\"><b>Sate:</b> Thanks! I'm connected as <b id=\"subject\">")
                    .append(ChatHtml.escape(c.subject)).append("</b>; the token expires at <span id=\"expires\">")
                    .append(ChatHtml.escape(c.expiresAt.toString())).append("</span>.</p>")
                    .append("<p>I called <code>GET /api/orders</code> with it:</p>")
                    .append(shop.callOrders(request.getLocalPort(), ctx, c.token));
        } else if (c.failed) {
            body.append(ChatHtml.status("failed", "I could not connect: the shop sent me your sign-in, and I answered its"
                    + " callback with 400 (a simulated failure). The shop told you so in the other tab."));
        } else if (reported == SateLoginEvent.Type.DENIED) {
            body.append(ChatHtml.status("denied", "You chose Deny in the shop, so I am not connected to your account and"
                    + " cannot look at your orders. That's fine: start a new chat if you change your mind."));
        } else if (Instant.now().isAfter(c.createdAt.plus(linkTtl.duration()))) {
            body.append(ChatHtml.status("expired", "This sign-in link has expired (it was good for "
                    + linkTtl.words() + "). Start a new chat for a new one."));
        } else {
            refresh = true;
            boolean almost = reported == SateLoginEvent.Type.DEFERRED || reported == SateLoginEvent.Type.RETRIED;
            body.append(ChatHtml.status(almost ? "deferred" : "waiting", almost
                    ? "Almost there: the shop is still delivering your sign-in to me."
                    : "I need you to sign in to " + shop.name() + " first, so that I can look at your orders."))
                    .append("<p><a id=\"login-link\" href=\"").append(ChatHtml.escape(shop.loginLink(ctx, c.state)))
                    .append("\" target=\"_blank\" rel=\"opener\">Sign in to ").append(ChatHtml.escape(shop.name())).append("</a>")
                    .append(" (opens in a new tab; then come back here)</p>")
                    .append("<p class=\"note\">Not connected yet. This page refreshes every 3 seconds.</p>")
                    .append("<section id=\"other-outcomes\"><h2>Try the other outcomes</h2>")
                    .append(ChatHtml.toggle(ctx, c.id, "fail", "Answer the next callback with 400", c.failNext))
                    .append(ChatHtml.toggle(ctx, c.id, "slow", "Answer the next callback after " + SLOW.toSeconds() + " s",
                            c.slowNext))
                    .append("<p class=\"note\">Deny: choose Deny on the shop's page. Expiry: wait "
                            + linkTtl.words() + " before you sign in.</p></section>");
        }
        if (refresh) {
            response.setHeader("Refresh", "3");
        }
        body.append("<p><a href=\"").append(ctx).append("/sate/\">Start a new chat</a></p>");
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>Sate chat (simulator)</title><style>body{font-family:system-ui,sans-serif;max-width:40rem;"
                + "margin:2rem auto;padding:0 1rem;overflow-wrap:anywhere}.note{color:#555}.sate{background:#eef2ff;"
                + "padding:.75rem;border-radius:8px}pre{background:#f4f4f4;padding:1rem;white-space:pre-wrap;"
                + "overflow-wrap:anywhere}form{margin:.5rem 0}section{border:1px solid #ddd;border-radius:8px;padding:0 1rem;"
                + "margin:1rem 0}h2{font-size:1rem}</style>"
                // the shop's "Back to your chat" targets the window named sate-chat: this tab, not a new one
                + "<script>window.name = \"sate-chat\";</script></head><body>" + body + "</body></html>");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        if (path.startsWith("/chat/") && (path.endsWith("/fail") || path.endsWith("/slow"))) {
            Conversation c = conversation(path.substring("/chat/".length(), path.lastIndexOf('/')));
            if (c == null) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            if (path.endsWith("/fail")) {
                c.failNext = true;
            } else {
                c.slowNext = true;
            }
            response.sendRedirect(request.getContextPath() + "/sate/chat/" + c.id);
            return;
        }
        if (!CALLBACK.equals(path)) {
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
        if (Instant.now().isAfter(c.createdAt.plus(linkTtl.duration()))) {
            answer(response, 400, Map.of("detail", "This state has expired; start a new chat"));
            return;
        }
        if (c.failNext) {
            c.failNext = false;
            c.failed = true;
            answer(response, 400, Map.of("detail", "Simulated failure: the simulator refuses this login"));
            return;
        }
        if (c.slowNext) {
            c.slowNext = false;
            try {
                Thread.sleep(SLOW.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
}
