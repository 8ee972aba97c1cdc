package com.eusate.login.verify;

import static com.eusate.login.internal.verify.TokenSettings.*;

import com.eusate.login.internal.InitParams;
import com.eusate.login.internal.Keys;
import com.eusate.login.internal.Settings;
import com.eusate.login.internal.SettingsConfig;
import com.eusate.login.internal.verify.TokenSettings;
import jakarta.servlet.FilterConfig;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings of a {@code SateTokenFilter}: immutable, validated once by {@link Builder#build()}.
 * Each builder method has an init-param of the same name in kebab-case; the configuration reference (docs/configuration.md) lists
 * them all. {@link #toString()} never shows a secret. This class is thread-safe.
 */
public final class SateTokenConfig extends SettingsConfig {

    /** The settings as given, before the defaults that depend on others were worked out: for {@link #newBuilder()}. */
    private final Settings given;

    private SateTokenConfig(Settings given) {
        super(TokenSettings.resolved(given), "SateTokenConfig");
        this.given = given.copy();
    }

    public static Builder builder() {
        return new Builder(new Settings(TokenSettings.ALL));
    }

    /** The settings that a filter's init-params describe, as {@code web.xml} gives them. */
    public static SateTokenConfig fromInitParams(FilterConfig filterConfig) {
        return new Builder(InitParams.read(filterConfig, new Settings(TokenSettings.ALL))).build();
    }

    /**
     * A builder holding the settings given for this config, to derive a changed copy (for example the
     * same init-params with a {@link RevocationStore} that only code can give). Settings left to a
     * default that depends on others (the token's name and prefix) are worked out again.
     */
    public Builder newBuilder() {
        return new Builder(given.copy());
    }

    /** Where revocations are kept: the store given, a JDBC store from init-params, else one in memory. */
    public RevocationStore revocationStore() {
        return get(REVOCATION_STORE);
    }

    /**
     * Builds a {@link SateTokenConfig}; messages name the init-param and the fix, never a secret.
     * Not thread-safe.
     */
    public static final class Builder extends SettingsConfig.Builder<Builder> {

        private Builder(Settings settings) {
            super(settings);
        }

        /** The HS256 secret the login filter signs with (its kid is derived). */
        public Builder signingSecret(String secret) {
            return set(SIGNING_SECRET, Keys.secret("signing-secret", secret));
        }

        /** More HS256 secrets whose tokens are still (or already) accepted, for rolling a secret. */
        public Builder verificationSecrets(String... secrets) {
            return set(VERIFICATION_SECRETS, Arrays.stream(secrets)
                    .map(s -> Keys.secret("verification-secrets", s)).toList());
        }

        /** An RS256 (RSA) or ES256 (P-256) public key, for tokens with this kid. */
        public Builder publicKey(String keyId, PublicKey key) {
            Map<String, PublicKey> keys = new LinkedHashMap<>(settings.isSet(PUBLIC_KEYS)
                    ? settings.get(PUBLIC_KEYS) : Map.of());
            keys.put(keyId, key);
            return set(PUBLIC_KEYS, java.util.Collections.unmodifiableMap(keys));
        }

        /** As {@link #publicKey(String, PublicKey)}, read from a PEM file. */
        public Builder publicKeyFile(String keyId, Path pemFile) {
            return publicKey(keyId, Keys.readPublicKey(pemFile, "public-keys [" + keyId + "]"));
        }

        /** Header (default), query or body. */
        public Builder tokenLocation(TokenLocation location) {
            return set(TOKEN_LOCATION, location);
        }

        /** The header or parameter name; default Authorization (header) or token. */
        public Builder tokenName(String name) {
            return set(TOKEN_NAME, name);
        }

        /** Text before the token, such as {@code Bearer }; default as in the configuration reference. */
        public Builder tokenPrefix(String prefix) {
            return set(TOKEN_PREFIX, prefix);
        }

        /** The {@code iss} that tokens must carry: the login filter's issuer. */
        public Builder issuer(String issuer) {
            return set(ISSUER, issuer);
        }

        /** The {@code aud} that tokens must carry: the login filter's audience. */
        public Builder audience(String audience) {
            return set(AUDIENCE, audience);
        }

        /** Clock skew allowed on {@code exp}, {@code iat} and {@code nbf}; at most 5 minutes. */
        public Builder leeway(Duration leeway) {
            return set(LEEWAY, leeway);
        }

        /**
         * The longest token lifetime ({@code exp - iat}) accepted: the login filter's {@code token-ttl}.
         * Revocations are kept this long. Default 1 hour.
         */
        public Builder maxTokenTtl(Duration ttl) {
            return set(MAX_TOKEN_TTL, ttl);
        }

        /**
         * {@code reject} (default): a request without a Sate token gets 401. {@code pass}: it goes on to
         * the app's own authentication, for endpoints that serve the app's frontend and Sate alike. A
         * token that is present but invalid is always 401.
         */
        public Builder whenNoToken(String mode) {
            return set(PASS_WITHOUT_TOKEN, mode == null ? null : TokenSettings.whenNoToken(mode));
        }

        /** The largest body read to find a token (token-location body). */
        public Builder maxBodyBytes(int max) {
            return set(MAX_BODY_BYTES, max);
        }

        /** Where revocations are kept; default {@link RevocationStore#inMemory(Duration)} with {@code max-token-ttl}. */
        public Builder revocationStore(RevocationStore store) {
            return set(REVOCATION_STORE, store);
        }

        /** The time source, for tests. */
        public Builder clock(Clock clock) {
            return set(CLOCK, clock);
        }

        public SateTokenConfig build() {
            TokenSettings.checkTogether(settings);
            return new SateTokenConfig(settings);
        }
    }
}
