package com.eusate.demo.simulator;

import com.eusate.login.signin.SateLoginEvent;
import com.eusate.login.signin.SateLoginListener;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shop's {@code SateLoginListener} (the {@code listener} init-param in web.xml): it remembers the
 * last event of each login by the state's fingerprint, so that the simulator's chat can show a Deny.
 * A demo shortcut: the real Sate is told nothing when a customer denies; an app's listener would log
 * or count instead. Thread-safe.
 */
public final class ShopEvents implements SateLoginListener {

    private static final int MAX_REMEMBERED = 1000;
    private static final Map<String, SateLoginEvent.Type> LAST = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SateLoginEvent.Type> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };

    @Override
    public void onEvent(SateLoginEvent event) {
        synchronized (LAST) {
            LAST.put(event.stateHash(), event.type());
        }
    }

    /** The last event the shop reported for this state, or null. */
    static SateLoginEvent.Type lastFor(String state) {
        synchronized (LAST) {
            return LAST.get(fingerprint(state));
        }
    }

    /** The fingerprint events carry: {@code #} and the first 8 hex digits of the state's SHA-256. */
    static String fingerprint(String state) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(state.getBytes(StandardCharsets.UTF_8));
            return "#" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
