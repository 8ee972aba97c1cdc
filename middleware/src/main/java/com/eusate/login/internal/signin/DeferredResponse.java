package com.eusate.login.internal.signin;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Holds back the commit of the app's response on a request where the customer may be signing in, so
 * that the filter can still send the customer to the consent page once the app's login has run,
 * whether the app redirects (PRG) or renders a page directly. Headers and cookies the app sets go
 * straight through (its renewed session cookie must survive); the body, redirects, errors and the
 * content length are kept until {@link #release()}. A body over {@link #MAX_BUFFER} is passed
 * through instead of held, and the response commits as usual.
 */
final class DeferredResponse extends HttpServletResponseWrapper {

    static final int MAX_BUFFER = 256 * 1024;

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private boolean passThrough;
    private String redirect;
    private Integer errorStatus;
    private String errorMessage;
    private long contentLength = -1;
    private ServletOutputStream stream;
    private PrintWriter writer;

    DeferredResponse(HttpServletResponse response) {
        super(response);
    }

    /** Whether the app's answer is a page navigation (a redirect or HTML), which we may replace. */
    boolean isReplaceable() {
        if (passThrough || getResponse().isCommitted() || errorStatus != null) {
            return false;
        }
        int status = getStatus();
        String type = getContentType();
        return redirect != null || (status >= 300 && status < 400)
                || (status == 200 && (type == null || type.startsWith("text/html")));
    }

    /** Drops what the app wrote (its headers and cookies stay) so that the filter can answer instead. */
    void discard() {
        buffer.reset();
        redirect = null;
        errorStatus = null;
        errorMessage = null;
        contentLength = -1;
        passThrough = true;
    }

    /** Sends what the app produced, as it would have gone without us. */
    void release() throws IOException {
        if (passThrough) {
            return;
        }
        if (writer != null) {
            writer.flush(); // into the buffer, before anything goes out
        }
        passThrough = true;
        HttpServletResponse real = (HttpServletResponse) getResponse();
        if (redirect != null) {
            real.sendRedirect(redirect);
        } else if (errorStatus != null) {
            if (errorMessage == null) {
                real.sendError(errorStatus);
            } else {
                real.sendError(errorStatus, errorMessage);
            }
        } else {
            flushBufferTo(real);
        }
    }

    private void flushBufferTo(HttpServletResponse real) throws IOException {
        if (contentLength >= 0) {
            real.setContentLengthLong(contentLength);
        }
        if (buffer.size() > 0) {
            buffer.writeTo(real.getOutputStream());
            buffer.reset();
        }
    }

    private void overflow() throws IOException {
        passThrough = true;
        flushBufferTo((HttpServletResponse) getResponse());
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        if (passThrough) {
            super.sendRedirect(location);
            return;
        }
        buffer.reset();
        redirect = location;
    }

    @Override
    public void sendError(int sc) throws IOException {
        sendError(sc, null);
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        if (passThrough) {
            if (msg == null) {
                super.sendError(sc);
            } else {
                super.sendError(sc, msg);
            }
            return;
        }
        buffer.reset();
        errorStatus = sc;
        errorMessage = msg;
    }

    @Override
    public void setContentLength(int len) {
        setContentLengthLong(len);
    }

    @Override
    public void setContentLengthLong(long len) {
        if (passThrough) {
            super.setContentLengthLong(len);
        } else {
            contentLength = len;
        }
    }

    @Override
    public void setHeader(String name, String value) {
        if ("Content-Length".equalsIgnoreCase(name) && !passThrough) {
            contentLength = value == null ? -1 : Long.parseLong(value.strip());
        } else {
            super.setHeader(name, value);
        }
    }

    @Override
    public void addHeader(String name, String value) {
        if ("Content-Length".equalsIgnoreCase(name) && !passThrough) {
            setHeader(name, value);
        } else {
            super.addHeader(name, value);
        }
    }

    @Override
    public boolean isCommitted() {
        return passThrough ? super.isCommitted() : redirect != null || errorStatus != null;
    }

    @Override
    public void flushBuffer() throws IOException {
        if (passThrough) {
            super.flushBuffer();
        }
    }

    @Override
    public void resetBuffer() {
        if (passThrough) {
            super.resetBuffer();
        } else {
            buffer.reset();
        }
    }

    @Override
    public void reset() {
        if (!passThrough) {
            buffer.reset();
            contentLength = -1;
        }
        super.reset();
    }

    @Override
    public ServletOutputStream getOutputStream() {
        if (writer != null) {
            throw new IllegalStateException("getWriter() has already been called");
        }
        if (stream == null) {
            stream = new HoldingStream();
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() {
        if (stream != null && writer == null) {
            throw new IllegalStateException("getOutputStream() has already been called");
        }
        if (writer == null) {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
            stream = new HoldingStream();
            writer = new PrintWriter(new OutputStreamWriter(stream, charset));
        }
        return writer;
    }

    /** Writes into the buffer until it overflows or the response is released, then to the real stream. */
    private final class HoldingStream extends ServletOutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (!passThrough && buffer.size() + len > MAX_BUFFER) {
                overflow();
            }
            if (passThrough) {
                getResponse().getOutputStream().write(b, off, len);
            } else {
                buffer.write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            if (passThrough) {
                getResponse().getOutputStream().flush();
            }
        }

        @Override
        public void close() throws IOException {
            if (passThrough) {
                getResponse().getOutputStream().close();
            }
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            throw new UnsupportedOperationException("async writes are not held back; this request was not async");
        }
    }
}
