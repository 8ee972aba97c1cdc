package com.eusate.login.internal.verify;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import com.eusate.login.verify.VerifiedToken;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The request as the app's function sees it after {@link com.eusate.login.SateTokenFilter}: the token's subject is the
 * user principal and remote user. When the filter had to read the body to find the token, the body
 * is replayed from memory, and form parameters are parsed from it, so the app reads it unchanged.
 */
public final class VerifiedRequest extends HttpServletRequestWrapper {

    private final VerifiedToken token;
    private final byte[] body;
    private Map<String, String[]> parameters;

    /**
     * @param token the verified token, or null when a request without one goes on to the app's own
     *              authentication ({@code when-no-token=pass}): the principal is then the container's
     * @param body  the body already read, or null when it was not touched
     */
    public VerifiedRequest(HttpServletRequest request, VerifiedToken token, byte[] body) {
        super(request);
        this.token = token;
        this.body = body;
    }

    @Override
    public Principal getUserPrincipal() {
        return token == null ? super.getUserPrincipal() : token;
    }

    @Override
    public String getRemoteUser() {
        return token == null ? super.getRemoteUser() : token.subject();
    }

    @Override
    public String getAuthType() {
        return token == null ? super.getAuthType() : "Bearer";
    }

    @Override
    public boolean isUserInRole(String role) {
        return token != null ? false : super.isUserInRole(role);
    }

    @Override
    public ServletInputStream getInputStream() throws java.io.IOException {
        if (body == null) {
            return super.getInputStream();
        }
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException("the body was already read into memory; read it directly");
            }
        };
    }

    @Override
    public BufferedReader getReader() throws java.io.IOException {
        if (body == null) {
            return super.getReader();
        }
        return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset(getRequest())));
    }

    // Form parameters: the container can no longer parse a body we consumed, so we do it.

    @Override
    public String getParameter(String name) {
        String[] values = parameters().get(name);
        return values == null ? null : values[0];
    }

    @Override
    public String[] getParameterValues(String name) {
        String[] values = parameters().get(name);
        return values == null ? null : values.clone();
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(parameters().keySet());
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        return Collections.unmodifiableMap(parameters());
    }

    private Map<String, String[]> parameters() {
        if (body == null || !isForm(getRequest().getContentType())) {
            return super.getParameterMap();
        }
        if (parameters == null) {
            Map<String, List<String>> all = new LinkedHashMap<>();
            Charset charset = charset(getRequest());
            addPairs(all, ((HttpServletRequest) getRequest()).getQueryString(), StandardCharsets.UTF_8);
            addPairs(all, new String(body, StandardCharsets.ISO_8859_1), charset);
            Map<String, String[]> result = new LinkedHashMap<>();
            all.forEach((k, v) -> result.put(k, v.toArray(new String[0])));
            parameters = result;
        }
        return parameters;
    }

    private static void addPairs(Map<String, List<String>> into, String encoded, Charset charset) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), charset);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), charset);
                into.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException malformed) {
                // skipped, as containers skip malformed pairs
            }
        }
    }

    public static boolean isForm(String contentType) {
        return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT)
                .startsWith("application/x-www-form-urlencoded");
    }

    static Charset charset(jakarta.servlet.ServletRequest request) {
        String encoding = request.getCharacterEncoding();
        try {
            return encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }
}
