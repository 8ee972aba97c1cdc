package com.eusate.login;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures log records as a log file would show them, stack traces included: every level of our own
 * loggers, INFO and above of everything else (System.Logger goes to java.util.logging when no other
 * backend is installed). The JDK HTTP client's debug logging is left off here: it logs the URLs the
 * test's own browser opens, which carry the state by design.
 */
final class LogCapture extends Handler implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger root = Logger.getLogger("");
    private final Logger ours = Logger.getLogger("com.eusate");
    private final SimpleFormatter formatter = new SimpleFormatter();

    LogCapture() {
        setLevel(Level.ALL);
        ours.setLevel(Level.ALL);
        root.addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        lines.add(record.getLoggerName() + " " + formatter.format(record));
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    /** Lines from our own loggers. */
    List<String> ours() {
        return lines.stream().filter(l -> l.startsWith("com.eusate")).toList();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
        ours.setLevel(null);
    }
}
