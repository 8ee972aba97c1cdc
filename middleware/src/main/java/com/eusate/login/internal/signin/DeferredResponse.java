package com.eusate.login.internal.signin;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Holds back the commit of the app's response on a request where the customer may be signing in, so
 * that the filter can still send the customer to the consent page once the app's login has run,
 * whether the app redirects (PRG) or renders a page directly. Headers and cookies the app sets go
 * straight through (its renewed session cookie must survive); the body, redirects, errors and the
 * content length are held until {@link #release()}.
 *
 * <p>Holding stops, and everything held goes out in order, as soon as the app shows it is streaming:
 * it flushes a response that is not a page we might replace (an event stream, a download), registers a
 * write listener, starts async processing (on the request from {@link #requestFor}) or writes more
 * than {@link HeldBody#MAX_HELD} bytes or characters. Login detection then waits for the next page
 * load. An HTML page or redirect that flushes or closes is still held: pages commonly do at their end. Thread-safe: an async app may write from another thread while the filter releases.
 */
final class DeferredResponse extends HttpServletResponseWrapper {

    private final Object lock = new Object();
    private final HeldBody body;
    private String redirect;
    private int redirectStatus;
    private Integer errorStatus;
    private String errorMessage;
    private long contentLength = -1;

    DeferredResponse(HttpServletResponse response) {
        super(response);
        this.body = new HeldBody(lock, response, this::release, this::flushed);
    }

    /**
     * The request as the app should see it: starting async processing first releases what is held,
     * so that writes from the async thread (which may use the container's own response) come after it.
     */
    HttpServletRequest requestFor(HttpServletRequest request) {
        return new HttpServletRequestWrapper(request) {
            @Override
            public AsyncContext startAsync() {
                releaseForAsync();
                return super.startAsync();
            }

            @Override
            public AsyncContext startAsync(ServletRequest req, ServletResponse res) {
                releaseForAsync();
                return super.startAsync(req, res);
            }
        };
    }

    private void releaseForAsync() {
        try {
            release();
        } catch (IOException e) {
            throw new UncheckedIOException("could not send the response held so far", e);
        }
    }

    private HttpServletResponse real() {
        return (HttpServletResponse) getResponse();
    }

    /** Whether the app's answer is a page navigation (a redirect or HTML), which we may replace. */
    boolean isReplaceable() {
        synchronized (lock) {
            if (body.passThrough || real().isCommitted() || errorStatus != null) {
                return false;
            }
            int status = getStatus();
            String type = getContentType();
            return redirect != null || (status >= 300 && status < 400)
                    || (status == 200 && (type == null || type.startsWith("text/html")));
        }
    }

    /** Drops what the app wrote (its headers and cookies stay) so that the filter can answer instead. */
    void discard() {
        synchronized (lock) {
            body.clear();
            redirect = null;
            errorStatus = null;
            contentLength = -1;
            body.passThrough = true;
        }
    }

    /** Sends what the app produced, in order, and passes everything after it straight through. */
    void release() throws IOException {
        synchronized (lock) {
            if (body.passThrough) {
                return;
            }
            HttpServletResponse real = real();
            if (redirect != null) {
                if (redirectStatus == SC_FOUND && body.isEmpty()) {
                    real.sendRedirect(redirect); // the Servlet 6.0 call, so that 6.0 containers work too
                } else {
                    real.setStatus(redirectStatus);
                    real.setHeader("Location", redirect);
                    body.sendAndPassThrough();
                }
            } else if (errorStatus != null) {
                if (errorMessage == null) {
                    real.sendError(errorStatus);
                } else {
                    real.sendError(errorStatus, errorMessage);
                }
            } else {
                if (contentLength >= 0) {
                    real.setContentLengthLong(contentLength);
                }
                body.sendAndPassThrough();
            }
            body.passThrough = true;
        }
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        sendRedirect(location, SC_FOUND, true);
    }

    @Override
    public void sendRedirect(String location, boolean clearBuffer) throws IOException {
        sendRedirect(location, SC_FOUND, clearBuffer);
    }

    @Override
    public void sendRedirect(String location, int sc) throws IOException {
        sendRedirect(location, sc, true);
    }

    /** Servlet 6.1's redirect with a status; held like the others, released without 6.1 calls. */
    @Override
    public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
        synchronized (lock) {
            if (!body.passThrough) {
                if (clearBuffer) {
                    body.clear();
                }
                redirect = location;
                redirectStatus = sc;
                return;
            }
        }
        if (sc == SC_FOUND && clearBuffer) {
            super.sendRedirect(location);
        } else {
            super.sendRedirect(location, sc, clearBuffer);
        }
    }

    @Override
    public void sendError(int sc) throws IOException {
        sendError(sc, null);
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        synchronized (lock) {
            if (!body.passThrough) {
                body.clear();
                errorStatus = sc;
                errorMessage = msg;
                return;
            }
        }
        if (msg == null) {
            super.sendError(sc);
        } else {
            super.sendError(sc, msg);
        }
    }

    @Override
    public void setContentLength(int len) {
        setContentLengthLong(len);
    }

    @Override
    public void setContentLengthLong(long len) {
        synchronized (lock) {
            if (!body.passThrough) {
                contentLength = len;
                return;
            }
        }
        super.setContentLengthLong(len);
    }

    @Override
    public void setHeader(String name, String value) {
        if ("Content-Length".equalsIgnoreCase(name) && !body.passThrough) {
            setContentLengthLong(value == null ? -1 : Long.parseLong(value.strip()));
        } else {
            super.setHeader(name, value);
        }
    }

    @Override
    public void addHeader(String name, String value) {
        if ("Content-Length".equalsIgnoreCase(name)) {
            setHeader(name, value);
        } else {
            super.addHeader(name, value);
        }
    }

    @Override
    public boolean isCommitted() {
        synchronized (lock) {
            return body.passThrough ? super.isCommitted() : redirect != null || errorStatus != null;
        }
    }

    @Override
    public void flushBuffer() throws IOException {
        flushed();
        if (body.passThrough) {
            super.flushBuffer();
        }
    }

    /**
     * The app wants its bytes on the wire: stop holding, unless this is a page the filter may still
     * replace (HTML or a redirect; pages commonly flush or close at their end), which goes out when
     * the request ends.
     */
    private void flushed() throws IOException {
        if (!isReplaceable()) {
            release();
        }
    }

    @Override
    public void resetBuffer() {
        synchronized (lock) {
            if (!body.passThrough) {
                body.clear();
                return;
            }
        }
        super.resetBuffer();
    }

    @Override
    public void reset() {
        synchronized (lock) {
            if (!body.passThrough) {
                body.clear();
                contentLength = -1;
            }
        }
        super.reset();
    }

    @Override
    public ServletOutputStream getOutputStream() {
        return body.outputStream();
    }

    @Override
    public PrintWriter getWriter() {
        return body.writer();
    }
}
