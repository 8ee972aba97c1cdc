package com.eusate.login;

import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The settings of a {@link SateTokenFilter}: immutable, validated once by {@link Builder#build()}.
 * Each setting has an init-param of the same name in kebab-case. {@link #toString()} never shows a
 * secret. This class is thread-safe.
 */
public final class SateTokenConfig {

    public static final TokenLocation DEFAULT_TOKEN_LOCATION = TokenLocation.HEADER;
    public static final String DEFAULT_HEADER_NAME = "Authorization";
    public static final String DEFAULT_PARAMETER_NAME = "token";
    public static final String DEFAULT_AUTHORIZATION_PREFIX = "Bearer ";
    public static final Duration DEFAULT_LEEWAY = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    static final Duration MAX_LEEWAY = Duration.ofMinutes(5);
    static final int MAX_MAX_BODY_BYTES = 16 * 1024 * 1024;

    private final List<Keys.VerificationKey> keys;
    private final TokenLocation tokenLocation;
    private final String tokenName;
    private final String tokenPrefix;
    private final String issuer;
    private final String audience;
    private final Duration leeway;
    private final int maxBodyBytes;
    private final RevocationStore revocationStore;
    private final Clock clock;

    private SateTokenConfig(Builder b, List<Keys.VerificationKey> keys, String name, String prefix) {
        this.keys = List.copyOf(keys);
        this.tokenLocation = b.tokenLocation;
        this.tokenName = name;
        this.tokenPrefix = prefix;
        this.issuer = b.issuer;
        this.audience = b.audience;
        this.leeway = b.leeway;
        this.maxBodyBytes = b.maxBodyBytes;
        this.revocationStore = b.revocationStore != null ? b.revocationStore : new InMemoryRevocationStore();
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    List<Keys.VerificationKey> keys() {
        return keys;
    }

    /** The {@code kid}s of the keys tokens are accepted from, in the order configured. */
    public List<String> keyIds() {
        return keys.stream().map(Keys.VerificationKey::keyId).toList();
    }

    public TokenLocation tokenLocation() {
        return tokenLocation;
    }

    public String tokenName() {
        return tokenName;
    }

    public String tokenPrefix() {
        return tokenPrefix;
    }

    public String issuer() {
        return issuer;
    }

    public String audience() {
        return audience;
    }

    public Duration leeway() {
        return leeway;
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    public RevocationStore revocationStore() {
        return revocationStore;
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "SateTokenConfig[keys=" + keys + ", tokenLocation=" + tokenLocation + ", tokenName=" + tokenName
                + ", tokenPrefix=[" + tokenPrefix + "], issuer=" + issuer + ", audience=" + audience
                + ", leeway=" + leeway + ", maxBodyBytes=" + maxBodyBytes + ", revocationStore=" + revocationStore + "]";
    }

    /** Builds a {@link SateTokenConfig}; messages name the init-param and the fix, never a secret. */
    public static final class Builder {
        private final Map<String, Keys.VerificationKey> keys = new LinkedHashMap<>();
        private TokenLocation tokenLocation = DEFAULT_TOKEN_LOCATION;
        private String tokenName;
        private String tokenPrefix;
        private String issuer = SateLoginConfig.DEFAULT_ISSUER;
        private String audience = SateLoginConfig.DEFAULT_AUDIENCE;
        private Duration leeway = DEFAULT_LEEWAY;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private RevocationStore revocationStore;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** {@code signing-secret}: the HS256 secret the login filter signs with (its kid is derived). */
        public Builder signingSecret(String secret) {
            byte[] bytes = SateLoginConfig.Builder.checkSecret(secret);
            return addKey(new Keys.VerificationKey(Hmac.keyIdOf(bytes), Keys.hs256(bytes)), "signing-secret");
        }

        /**
         * {@code verification-secrets}: more HS256 secrets whose tokens are still (or already)
         * accepted, for rolling a secret without breaking live tokens.
         */
        public Builder verificationSecrets(String... secrets) {
            for (String secret : secrets) {
                byte[] bytes = SateLoginConfig.Builder.checkSecret(secret);
                addKey(new Keys.VerificationKey(Hmac.keyIdOf(bytes), Keys.hs256(bytes)), "verification-secrets");
            }
            return this;
        }

        /** {@code public-keys}: an RS256 (RSA) or ES256 (P-256) public key, for tokens with this kid. */
        public Builder publicKey(String keyId, PublicKey key) {
            Keys.checkKeyId(keyId, "public-keys kid");
            return addKey(new Keys.VerificationKey(keyId, Keys.forPublicKey(key, "public key [" + keyId + "]")),
                    "public-keys");
        }

        /** {@code public-keys}: as {@link #publicKey(String, PublicKey)}, read from a PEM file. */
        public Builder publicKeyFile(String keyId, Path pemFile) {
            return publicKey(keyId, Keys.readPublicKey(pemFile, "public-keys [" + keyId + "]"));
        }

        private Builder addKey(Keys.VerificationKey key, String param) {
            if (keys.putIfAbsent(key.keyId(), key) != null) {
                throw new IllegalArgumentException(param + " repeats the key with kid [" + key.keyId()
                        + "]; each key may be given once");
            }
            return this;
        }

        /** {@code token-location}: header (default), query or body. */
        public Builder tokenLocation(TokenLocation location) {
            this.tokenLocation = Objects.requireNonNull(location, "token-location");
            return this;
        }

        /** {@code token-name}: the header or parameter name; default Authorization or token. */
        public Builder tokenName(String name) {
            if (name == null || !name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}")) {
                throw new IllegalArgumentException("token-name must be a header or parameter name such as"
                        + " Authorization or token, but was [" + name + "]");
            }
            this.tokenName = name;
            return this;
        }

        /** {@code token-prefix}: text before the token, such as {@code Bearer }; default as in the table. */
        public Builder tokenPrefix(String prefix) {
            if (prefix == null || prefix.length() > 100 || prefix.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
                throw new IllegalArgumentException("token-prefix must be up to 100 visible ASCII characters,"
                        + " but was [" + prefix + "]");
            }
            this.tokenPrefix = prefix;
            return this;
        }

        /** {@code issuer}: the {@code iss} that tokens must carry; the login filter's issuer. */
        public Builder issuer(String issuer) {
            this.issuer = SateLoginConfig.Builder.checkClaim("issuer", issuer);
            return this;
        }

        /** {@code audience}: the {@code aud} that tokens must carry; the login filter's audience. */
        public Builder audience(String audience) {
            this.audience = SateLoginConfig.Builder.checkClaim("audience", audience);
            return this;
        }

        /** {@code leeway}: clock skew allowed on {@code exp}, {@code iat} and {@code nbf}; at most 5 minutes. */
        public Builder leeway(Duration leeway) {
            Objects.requireNonNull(leeway, "leeway");
            if (leeway.isNegative() || leeway.compareTo(MAX_LEEWAY) > 0) {
                throw new IllegalArgumentException("leeway must be between PT0S and " + MAX_LEEWAY + ", but was ["
                        + leeway + "]");
            }
            this.leeway = leeway;
            return this;
        }

        /** {@code max-body-bytes}: the largest body read to find a token (token-location body). */
        public Builder maxBodyBytes(int max) {
            if (max < 1024 || max > MAX_MAX_BODY_BYTES) {
                throw new IllegalArgumentException("max-body-bytes must be between 1024 and " + MAX_MAX_BODY_BYTES
                        + ", but was [" + max + "]");
            }
            this.maxBodyBytes = max;
            return this;
        }

        /** Where revocations are kept; default a new {@link InMemoryRevocationStore}. */
        public Builder revocationStore(RevocationStore store) {
            this.revocationStore = Objects.requireNonNull(store, "revocationStore");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public SateTokenConfig build() {
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("signing-secret is required: the same secret as SateLoginFilter's,"
                        + " preferably as ${env:SATE_SIGNING_SECRET}; or give public-keys for RS256/ES256 tokens");
            }
            String name = tokenName != null ? tokenName
                    : tokenLocation == TokenLocation.HEADER ? DEFAULT_HEADER_NAME : DEFAULT_PARAMETER_NAME;
            String prefix = tokenPrefix != null ? tokenPrefix
                    : tokenLocation == TokenLocation.HEADER && name.equalsIgnoreCase(DEFAULT_HEADER_NAME)
                    ? DEFAULT_AUTHORIZATION_PREFIX : "";
            return new SateTokenConfig(this, new ArrayList<>(keys.values()), name, prefix);
        }
    }
}
