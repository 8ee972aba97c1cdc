package com.eusate.demo.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Calls the shop's protected function with the customer's token, exactly as Sate would, and shows
 * the answer for people. Its HTTP client is built with no context class loader, so that its selector
 * thread never pins the web app, and is shut down on close where the JDK can (21+).
 */
final class ShopCaller implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;

    ShopCaller() {
        Thread current = Thread.currentThread();
        ClassLoader before = current.getContextClassLoader();
        current.setContextClassLoader(null);
        try {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        } finally {
            current.setContextClassLoader(before);
        }
    }

    /** {@code GET /api/orders} on this server with the token: the answer as a {@code <pre id="orders">}. */
    String orders(HttpServletRequest request, String token) {
        URI orders = URI.create("http://127.0.0.1:" + request.getLocalPort() + request.getContextPath() + "/api/orders");
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
