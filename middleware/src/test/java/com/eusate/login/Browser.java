package com.eusate.login;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A cookie-keeping HTTP client that behaves like a browser on the points that matter here: it stores
 * and sends cookies (honouring Max-Age=0 removal), sends {@code Accept: text/html} on page loads and
 * follows redirects one at a time so that tests can see each hop.
 */
public final class Browser {

    public record Page(int status, URI uri, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }

        public List<String> setCookies() {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("set-cookie"))
                    .flatMap(e -> e.getValue().stream()).collect(Collectors.toList());
        }

        /** The value of a hidden or named input in the page's form. */
        public String formValue(String name) {
            Matcher m = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(body);
            return m.find() ? m.group(1) : null;
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI base;
    public final Map<String, String> cookies = new LinkedHashMap<>();
    /**
     * {@code name=value} pairs held besides {@link #cookies}, as a browser holds a cookie of the same
     * name set with another Domain or Path (by a sibling subdomain, say): sent first, as a longer
     * path's would be, and never replaced or removed by the app's Set-Cookie for its own.
     */
    public final List<String> tossedIn = new java.util.ArrayList<>();
    /** Headers sent with every request unless the request sets its own, as a browser sends Accept-Language. */
    public final Map<String, String> headers = new LinkedHashMap<>();

    public Browser(URI base) {
        this.base = base;
    }

    public Page get(String pathOrUrl) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(resolve(pathOrUrl)).GET());
    }

    /** A GET with headers of its own, e.g. the fetch metadata of an image or a frame; they replace ours. */
    public Page get(String pathOrUrl, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(resolve(pathOrUrl)).GET();
        headers.forEach(builder::setHeader);
        return send(builder);
    }

    public Page post(String pathOrUrl, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(resolve(pathOrUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Follows redirects from {@code page} (as GETs, like a browser after 302/303) until a non-redirect. */
    public Page follow(Page page) throws IOException, InterruptedException {
        int hops = 0;
        while (page.status() >= 300 && page.status() < 400 && hops++ < 10) {
            page = get(page.uri().resolve(page.header("Location")).toString());
        }
        return page;
    }

    private URI resolve(String pathOrUrl) {
        return base.resolve(pathOrUrl);
    }

    private Page send(HttpRequest.Builder builder) throws IOException, InterruptedException {
        if (builder.copy().build().headers().firstValue("Accept").isEmpty()) {
            builder.header("Accept", "text/html,application/xhtml+xml");
        }
        HttpRequest given = builder.copy().build();
        headers.forEach((name, value) -> {
            if (given.headers().firstValue(name).isEmpty()) {
                builder.header(name, value);
            }
        });
        if (!cookies.isEmpty() || !tossedIn.isEmpty()) {
            builder.header("Cookie", java.util.stream.Stream.concat(tossedIn.stream(),
                    cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()))
                    .collect(Collectors.joining("; ")));
        }
        HttpResponse<String> response = http.send(builder.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        Page page = new Page(response.statusCode(), response.uri(), response.headers().map(), response.body());
        for (String setCookie : page.setCookies()) {
            String pair = setCookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            String name = pair.substring(0, eq).strip();
            String value = pair.substring(eq + 1).strip();
            boolean delete = setCookie.toLowerCase().contains("max-age=0") || value.isEmpty();
            if (delete) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
        return page;
    }
}
