package com.eusate.login.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eusate.login.signin.SateLoginEvent;
import com.eusate.login.signin.SateLoginListener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class CompositeListenerTest {

    @Test
    void aFailingListenerIsLoggedByItsExceptionClassOnlySoItsMessageCannotForgeLogLines() {
        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(new java.util.logging.SimpleFormatter().formatMessage(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("com.eusate.login.SateLoginFilter");
        logger.addHandler(capture);
        List<SateLoginEvent> reachedTheNext = new ArrayList<>();
        SateLoginListener failing = event -> {
            throw new IllegalStateException("customer alice@example.com\r\nINFO forged line\u2028another");
        };
        try {
            new CompositeListener(List.of(failing, reachedTheNext::add), null).onEvent(new SateLoginEvent(
                    SateLoginEvent.Type.STATE_CAPTURED, Instant.now(), "#1a2b3c4d", null, 0, 0, "captured", null));
        } finally {
            logger.removeHandler(capture);
        }
        assertEquals(1, reachedTheNext.size(), "the next listener is still told");
        assertEquals(1, lines.size(), lines::toString);
        String line = lines.get(0);
        assertTrue(line.endsWith(": java.lang.IllegalStateException"), line);
        assertFalse(line.contains("alice") || line.contains("forged") || line.contains("\r") || line.contains("\n")
                || line.contains("\u2028"), line);
    }
}
