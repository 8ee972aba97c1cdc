package com.eusate.login.internal.signin;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The body of a {@link DeferredResponse}: held as the app writes it, bytes for
 * {@code getOutputStream()} and characters for {@code getWriter()}, until the response is released;
 * then sent through the same kind of channel, and every later write goes straight through. A flush
 * of a response that is not a page we might replace (an event stream, a download), closing it,
 * a write listener or more than {@link #MAX_HELD} bytes or characters release the response first.
 * Guarded by the response's lock.
 */
final class HeldBody {

    static final int MAX_HELD = 256 * 1024;

    /** Releases the whole response: what {@link DeferredResponse#release()} does. */
    interface Release {
        void run() throws IOException;
    }

    /** Releases the response on a flush unless it is a page the filter may still replace. */
    interface Flush {
        void run() throws IOException;
    }

    private final Object lock;
    private final HttpServletResponse real;
    private final Release release;
    private final Flush flush;
    /** Set, under the lock, only after everything held has gone out: a writer that sees it writes after. */
    volatile boolean passThrough;
    private ByteArrayOutputStream bytes;
    private StringBuilder chars;
    private HeldStream stream;
    private PrintWriter writer;

    HeldBody(Object lock, HttpServletResponse real, Release release, Flush flush) {
        this.lock = lock;
        this.real = real;
        this.release = release;
        this.flush = flush;
    }

    /** Forgets what was written; guarded by the lock. */
    void clear() {
        bytes = null;
        chars = null;
    }

    boolean isEmpty() {
        return bytes == null && chars == null;
    }

    /** Sends what is held and passes everything after it through; guarded by the lock. */
    void sendAndPassThrough() throws IOException {
        if (bytes != null && bytes.size() > 0) {
            bytes.writeTo(real.getOutputStream());
        }
        if (chars != null && chars.length() > 0) {
            real.getWriter().append(chars);
        }
        clear();
        passThrough = true;
    }

    ServletOutputStream outputStream() {
        synchronized (lock) {
            if (writer != null) {
                throw new IllegalStateException("getWriter() has already been called");
            }
            if (stream == null) {
                stream = new HeldStream();
            }
            return stream;
        }
    }

    PrintWriter writer() {
        synchronized (lock) {
            if (stream != null) {
                throw new IllegalStateException("getOutputStream() has already been called");
            }
            if (writer == null) {
                writer = new PrintWriter(new HeldWriter()); // no buffer of its own: nothing is left behind
            }
            return writer;
        }
    }

    /** Bytes into the held body while holding; afterwards, and after a flush, to the real stream. */
    private final class HeldStream extends ServletOutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (!passThrough) {
                synchronized (lock) {
                    if (!passThrough && (bytes == null ? 0 : bytes.size()) + len <= MAX_HELD) {
                        (bytes == null ? bytes = new ByteArrayOutputStream() : bytes).write(b, off, len);
                        return;
                    }
                }
                release.run(); // too large to hold: a download, say
            }
            real.getOutputStream().write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            flush.run();
            if (passThrough) {
                real.getOutputStream().flush();
            }
        }

        /** Closing a page while it is held changes nothing: it goes out when released. */
        @Override
        public void close() throws IOException {
            if (passThrough) {
                real.getOutputStream().close();
            }
        }

        @Override
        public boolean isReady() {
            try {
                return !passThrough || real.getOutputStream().isReady();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            try {
                release.run(); // non-blocking writes are streaming: nothing more is held
                real.getOutputStream().setWriteListener(listener);
            } catch (IOException e) {
                listener.onError(e);
            }
        }
    }

    /** Characters into the held body while holding; afterwards, and after a flush, to the real writer. */
    private final class HeldWriter extends Writer {
        @Override
        public void write(char[] c, int off, int len) throws IOException {
            if (!passThrough) {
                synchronized (lock) {
                    if (!passThrough && (chars == null ? 0 : chars.length()) + len <= MAX_HELD) {
                        (chars == null ? chars = new StringBuilder() : chars).append(c, off, len);
                        return;
                    }
                }
                release.run();
            }
            real.getWriter().write(c, off, len);
        }

        @Override
        public void flush() throws IOException {
            flush.run();
            if (passThrough) {
                real.getWriter().flush();
            }
        }

        @Override
        public void close() throws IOException {
            if (passThrough) {
                real.getWriter().close();
            }
        }
    }
}
