package com.eusate.login.internal;

/**
 * Not API: what {@code SateLoginConfig} and {@code SateTokenConfig} share, frozen {@link Settings}
 * read by the library and shown without secrets. Immutable and thread-safe.
 */
public abstract class SettingsConfig {

    private final Settings settings;
    private final String name;

    protected SettingsConfig(Settings settings, String name) {
        this.settings = settings.copy();
        this.name = name;
    }

    /**
     * The value of one setting, for the library's own use: the declarations are internal and may
     * change in any release.
     */
    public final <T> T get(Setting<T> setting) {
        return settings.get(setting);
    }

    /** A copy of the values, for a builder to change. */
    protected final Settings values() {
        return settings.copy();
    }

    /** Every setting and its value; secrets show as {@code (redacted)}. */
    @Override
    public final String toString() {
        return settings.describe(name);
    }

    /**
     * Not API: what the two config builders share. Each typed builder method checks its value
     * through the setting's declaration. Not thread-safe.
     *
     * @param <B> the builder itself, for chaining
     */
    public abstract static class Builder<B extends Builder<B>> {
        protected final Settings settings;

        protected Builder(Settings settings) {
            this.settings = settings;
        }

        /** Checks the value against its declaration and keeps it. */
        protected final <T> B set(Setting<T> setting, T value) {
            settings.set(setting, value);
            @SuppressWarnings("unchecked")
            B self = (B) this;
            return self;
        }
    }
}
