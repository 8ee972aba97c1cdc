package com.eusate.login.internal;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The values of a filter's declared {@link Setting}s: those set explicitly, the declared default for
 * the rest. A builder fills one; its config keeps a frozen copy. Not API. Not thread-safe while it
 * is filled; the configs publish only copies they never change again.
 */
public final class Settings {

    private final List<Setting<?>> declared;
    private final Map<Setting<?>, Object> values;

    public Settings(List<Setting<?>> declared) {
        this(declared, new IdentityHashMap<>());
    }

    private Settings(List<Setting<?>> declared, Map<Setting<?>, Object> values) {
        this.declared = declared;
        this.values = values;
    }

    /** The declarations these values are for, in the order of the configuration reference's table. */
    public List<Setting<?>> declared() {
        return declared;
    }

    /** The value set, else the declared default (null where there is none). */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        Object value = values.get(setting);
        return value != null ? (T) value : setting.defaultValue();
    }

    public boolean isSet(Setting<?> setting) {
        return values.containsKey(setting);
    }

    /** Checks the value and sets it; null unsets a setting that has no default (back to "none"). */
    public <T> Settings set(Setting<T> setting, T value) {
        if (value == null && setting.defaultValue() == null) {
            values.remove(setting);
            return this;
        }
        values.put(setting, setting.checked(value));
        return this;
    }

    /** An independent copy, for a config to keep or a builder to change. */
    public Settings copy() {
        return new Settings(declared, new IdentityHashMap<>(values));
    }

    /** {@code Name[setting=value, ...]} with every secret redacted: what {@code toString} shows. */
    public String describe(String typeName) {
        StringJoiner out = new StringJoiner(", ", typeName + "[", "]");
        for (Setting<?> setting : declared) {
            if (setting.isInitParam() && (isSet(setting) || setting.defaultValue() != null)) {
                out.add(setting.name() + "=" + setting.show(get(setting)));
            }
        }
        return out.toString();
    }
}
