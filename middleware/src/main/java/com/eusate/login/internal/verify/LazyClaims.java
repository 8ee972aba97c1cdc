package com.eusate.login.internal.verify;

import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The claims of a verified token as plain JSON values, converted on first use: most functions never
 * look past the subject, and converting every claim of every token would cost more than verifying
 * it. Unmodifiable; thread-safe.
 */
public final class LazyClaims extends AbstractMap<String, Object> {

    private final DecodedJWT jwt;
    private volatile Map<String, Object> values;

    public LazyClaims(DecodedJWT jwt) {
        this.jwt = jwt;
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
            Map<String, Object> converted = new LinkedHashMap<>();
            for (Map.Entry<String, Claim> e : jwt.getClaims().entrySet()) {
                converted.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().as(Object.class));
            }
            values = v = Collections.unmodifiableMap(converted);
        }
        return v;
    }
}
