package com.eusate.login;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Assumptions;

/**
 * A skipped test says so on the build's console: one line naming the test, why it is skipped and how
 * to turn it on. Written to the JVM's native stderr, which Maven prints, because surefire's
 * redirectTestOutputToFile sends System.out and System.err to a report file nobody reads.
 */
public final class Skips {

    private static final PrintStream CONSOLE =
            new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);

    private Skips() {
    }

    /** Goes on when {@code condition} holds; else prints "SKIPPED test: reason" and aborts the test. */
    public static void unless(boolean condition, String test, String reasonAndHowToTurnOn) {
        if (!condition) {
            CONSOLE.println("SKIPPED " + test + ": " + reasonAndHowToTurnOn);
            Assumptions.abort(reasonAndHowToTurnOn);
        }
    }
}
