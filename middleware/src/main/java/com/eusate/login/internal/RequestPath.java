package com.eusate.login.internal;

import jakarta.servlet.http.HttpServletRequest;

/** The path of a request as both filters match and log it. Not API. */
public final class RequestPath {

    private RequestPath() {
    }

    /** The path after the context path, without path parameters such as {@code ;jsessionid=}. */
    public static String of(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String path = uri.substring(Math.min(request.getContextPath().length(), uri.length()));
        int semicolon = path.indexOf(';');
        return semicolon < 0 ? path : path.substring(0, semicolon);
    }

    /** The same, made safe for a log line: bounded, and unsafe characters replaced. */
    public static String forLog(HttpServletRequest request) {
        return Redact.forLog(of(request), 200);
    }
}
