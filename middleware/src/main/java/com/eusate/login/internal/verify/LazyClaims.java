package com.eusate.login.internal.verify;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * The claims of a verified token as plain JSON values (String, Number, Boolean, List, Map), converted
 * on first use: most functions never look past the subject, and converting every claim of every
 * token would cost more than verifying it. Unmodifiable; thread-safe.
 */
public final class LazyClaims extends AbstractMap<String, Object> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    /** The payload, already verified to be one JSON object without repeated names. */
    private final byte[] payload;
    private volatile Map<String, Object> values;

    LazyClaims(byte[] payload) {
        this.payload = payload;
    }

    @Override
    public Object get(Object key) {
        return converted().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return converted().containsKey(key);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return converted().entrySet();
    }

    private Map<String, Object> converted() {
        Map<String, Object> v = values;
        if (v == null) {
            try {
                values = v = Collections.unmodifiableMap(JSON.readValue(payload, OBJECT));
            } catch (IOException e) {
                throw new UncheckedIOException("the verified claims could not be read again", e);
            }
        }
        return v;
    }
}
