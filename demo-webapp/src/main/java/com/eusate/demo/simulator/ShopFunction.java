package com.eusate.demo.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The app the simulator plays Sate for: by default the demo's own shop on the same server; with
 * {@code SATE_SHOP_URL} (system property {@code sate.demo.shop-url}) another app, such as the Spring
 * Boot example. Gives the chat's login link and calls the app's protected function with the token,
 * exactly as Sate would. Its HTTP client is built with no context class loader, so that its selector
 * thread never pins the web app, and is shut down on close where the JDK can (21+).
 */
final class ShopFunction implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI shop; // null: the demo's own shop
    private final HttpClient http;

    ShopFunction(String shopUrl) {
        this.shop = shopUrl == null || shopUrl.isBlank() ? null : URI.create(shopUrl.replaceAll("/+$", ""));
        Thread current = Thread.currentThread();
        ClassLoader before = current.getContextClassLoader();
        current.setContextClassLoader(null);
        try {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        } finally {
            current.setContextClassLoader(before);
        }
    }

    /** The app's name in the chat. */
    String name() {
        return shop == null ? "Acme Demo Shop" : "the app at " + shop.getAuthority();
    }

    /** The app's login page with Sate's state, as Sate's login link gives it. */
    String loginLink(String contextPath, String state) {
        return (shop == null ? contextPath : shop.toString()) + "/login?state=" + state;
    }

    /** {@code GET /api/orders} with the token, shown as the HTTP status and the (indented) answer. */
    String callOrders(int localPort, String contextPath, String token) {
        URI orders = URI.create((shop == null ? "http://127.0.0.1:" + localPort + contextPath : shop) + "/api/orders");
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(orders).timeout(Duration.ofSeconds(5))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            return "<pre id=\"orders\" data-http-status=\"" + answer.statusCode() + "\">HTTP " + answer.statusCode()
                    + "\n" + ChatHtml.escape(pretty(answer.body())) + "</pre>";
        } catch (IOException e) {
            return "<pre id=\"orders\">" + ChatHtml.escape(e.getClass().getSimpleName()) + "</pre>";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "<pre id=\"orders\">interrupted</pre>";
        }
    }

    /** JSON indented for people; anything else as it came. */
    private static String pretty(String body) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(body));
        } catch (IOException notJson) {
            return body;
        }
    }

    /** {@code HttpClient.shutdownNow()} exists since JDK 21; on 17 the thread ends once the client is unreachable. */
    @Override
    public void close() {
        try {
            HttpClient.class.getMethod("shutdownNow").invoke(http);
        } catch (ReflectiveOperationException | RuntimeException jdk17) {
            // nothing to call
        }
    }
}
