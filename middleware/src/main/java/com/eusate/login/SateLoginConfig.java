package com.eusate.login;

import com.auth0.jwt.algorithms.Algorithm;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The settings of a {@link SateLoginFilter}: immutable, validated once by {@link Builder#build()}.
 * Each setting has an init-param of the same name in kebab-case (see {@link SateLoginFilter}).
 * {@link #toString()} never shows the API key or the signing secret. This class is thread-safe.
 */
public final class SateLoginConfig {

    public static final URI DEFAULT_API_BASE_URL = URI.create("https://api.eusate.com");
    /** Appended to the API base URL; Sate's documented path ends with a slash. */
    public static final String CALLBACK_PATH = "/api/v1/lab/login/callback/";
    public static final List<String> DEFAULT_LOGIN_PATHS = List.of("/login");
    public static final String DEFAULT_SUBJECT = "principal";
    public static final Duration DEFAULT_TOKEN_TTL = Duration.ofHours(1);
    public static final Duration DEFAULT_STATE_TTL = Duration.ofMinutes(10);
    public static final Duration DEFAULT_CALLBACK_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_DELIVERY_DEADLINE = Duration.ofMinutes(2);
    public static final int DEFAULT_MAX_BACKGROUND_DELIVERIES = 1000;
    public static final String DEFAULT_ENDPOINT_PATH = "/sate-login";
    public static final String DEFAULT_APP_NAME = "this app";
    public static final String DEFAULT_ISSUER = "sate-login-middleware";
    public static final String DEFAULT_AUDIENCE = "sate";
    /** HS256 needs a key at least as long as its output: 256 bits. */
    public static final int MIN_SECRET_BYTES = 32;

    static final Duration MAX_TOKEN_TTL = Duration.ofDays(30);
    static final Duration MAX_STATE_TTL = Duration.ofHours(24);
    static final Duration MAX_CALLBACK_TIMEOUT = Duration.ofMinutes(2);
    static final Duration MAX_DELIVERY_DEADLINE = Duration.ofHours(1);
    static final int MAX_MAX_BACKGROUND_DELIVERIES = 100_000;

    private final String apiKey;
    private final URI apiBaseUrl;
    private final byte[] signingSecret;
    private final PrivateKey signingKey;
    private final String keyId;
    private final List<String> loginPaths;
    private final String subject;
    private final SubjectResolver subjectResolver;
    private final Duration tokenTtl;
    private final Duration stateTtl;
    private final boolean consent;
    private final boolean allowInsecureLocalhost;
    private final String appName;
    private final String endpointPath;
    private final URI doneUrl;
    private final Duration callbackTimeout;
    private final Duration deliveryDeadline;
    private final int maxBackgroundDeliveries;
    private final String issuer;
    private final String audience;
    private final String consentTemplate;
    private final ClaimsCustomizer claims;
    private final TokenIssuer tokenIssuer;
    private final SateLoginListener listener;
    private final Clock clock;

    private SateLoginConfig(Builder b) {
        this.apiKey = b.apiKey;
        this.apiBaseUrl = b.apiBaseUrl;
        this.signingSecret = b.signingSecret;
        this.signingKey = b.signingKey;
        this.keyId = b.keyId;
        this.loginPaths = List.copyOf(b.loginPaths);
        this.subject = b.subject;
        this.subjectResolver = b.subjectResolver;
        this.tokenTtl = b.tokenTtl;
        this.stateTtl = b.stateTtl;
        this.consent = b.consent;
        this.allowInsecureLocalhost = b.allowInsecureLocalhost;
        this.appName = b.appName;
        this.endpointPath = b.endpointPath;
        this.doneUrl = b.doneUrl;
        this.callbackTimeout = b.callbackTimeout;
        this.deliveryDeadline = b.deliveryDeadline;
        this.maxBackgroundDeliveries = b.maxBackgroundDeliveries;
        this.issuer = b.issuer;
        this.audience = b.audience;
        this.consentTemplate = b.consentTemplate;
        this.claims = b.claims;
        this.tokenIssuer = b.tokenIssuer;
        this.listener = b.listener;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to derive a changed copy. */
    public Builder newBuilder() {
        return new Builder(this);
    }

    String apiKey() {
        return apiKey;
    }

    /** The HS256 secret, or null when a private key signs. */
    byte[] signingSecret() {
        return signingSecret == null ? null : signingSecret.clone();
    }

    /** The RS256/ES256 private key, or null when an HS256 secret signs. */
    PrivateKey signingKey() {
        return signingKey;
    }

    /** The algorithm tokens are signed with, fixed by the kind of key configured. */
    Algorithm algorithm() {
        return signingKey != null ? Keys.forPrivateKey(signingKey, "signing-key-file") : Keys.hs256(signingSecret);
    }

    /** The {@code kid} of issued tokens: the configured key-id, else a fingerprint of the secret. */
    public String keyId() {
        return keyId != null ? keyId : Hmac.keyIdOf(signingSecret);
    }

    /** Key material for the state cookie and CSRF MACs: the secret, or the private key's encoding. */
    byte[] macSecret() {
        return signingSecret != null ? signingSecret.clone() : signingKey.getEncoded();
    }

    public URI apiBaseUrl() {
        return apiBaseUrl;
    }

    /** Where the token is delivered: the API base URL with {@link #CALLBACK_PATH} appended. */
    public URI callbackUri() {
        String base = apiBaseUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + CALLBACK_PATH);
    }

    public List<String> loginPaths() {
        return loginPaths;
    }

    public SubjectResolver subjectResolver() {
        return subjectResolver;
    }

    public Duration tokenTtl() {
        return tokenTtl;
    }

    public Duration stateTtl() {
        return stateTtl;
    }

    public boolean consent() {
        return consent;
    }

    public boolean allowInsecureLocalhost() {
        return allowInsecureLocalhost;
    }

    public String appName() {
        return appName;
    }

    public String endpointPath() {
        return endpointPath;
    }

    /** Where the customer goes after the consent decision, or null for the built-in result page. */
    public URI doneUrl() {
        return doneUrl;
    }

    public Duration callbackTimeout() {
        return callbackTimeout;
    }

    public Duration deliveryDeadline() {
        return deliveryDeadline;
    }

    public int maxBackgroundDeliveries() {
        return maxBackgroundDeliveries;
    }

    public String issuer() {
        return issuer;
    }

    public String audience() {
        return audience;
    }

    /** The consent page template, or null for the built-in page. */
    public String consentTemplate() {
        return consentTemplate;
    }

    public ClaimsCustomizer claims() {
        return claims;
    }

    /** The custom token issuer, or null for the built-in JWT issuer. */
    public TokenIssuer tokenIssuer() {
        return tokenIssuer;
    }

    public SateLoginListener listener() {
        return listener;
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "SateLoginConfig[apiKey=(redacted), signingKey=(redacted), kid=" + keyId() + ", apiBaseUrl=" + apiBaseUrl
                + ", loginPaths=" + loginPaths + ", subject=" + subject + ", tokenTtl=" + tokenTtl
                + ", stateTtl=" + stateTtl + ", consent=" + consent + ", allowInsecureLocalhost="
                + allowInsecureLocalhost + ", appName=" + appName + ", endpointPath=" + endpointPath
                + ", doneUrl=" + doneUrl + ", callbackTimeout=" + callbackTimeout + ", deliveryDeadline="
                + deliveryDeadline + ", maxBackgroundDeliveries=" + maxBackgroundDeliveries + ", issuer=" + issuer
                + ", audience=" + audience + "]";
    }

    /**
     * Builds a {@link SateLoginConfig}. Each setter checks its own value; {@link #build()} checks the
     * rules that span several settings. Messages name the init-param and the fix, never a secret.
     */
    public static final class Builder {
        private String apiKey;
        private URI apiBaseUrl = DEFAULT_API_BASE_URL;
        private byte[] signingSecret;
        private PrivateKey signingKey;
        private String keyId;
        private List<String> loginPaths = DEFAULT_LOGIN_PATHS;
        private String subject = DEFAULT_SUBJECT;
        private SubjectResolver subjectResolver = SubjectResolver.principal();
        private Duration tokenTtl = DEFAULT_TOKEN_TTL;
        private Duration stateTtl = DEFAULT_STATE_TTL;
        private boolean consent = true;
        private boolean allowInsecureLocalhost;
        private String appName = DEFAULT_APP_NAME;
        private String endpointPath = DEFAULT_ENDPOINT_PATH;
        private URI doneUrl;
        private Duration callbackTimeout = DEFAULT_CALLBACK_TIMEOUT;
        private Duration deliveryDeadline = DEFAULT_DELIVERY_DEADLINE;
        private int maxBackgroundDeliveries = DEFAULT_MAX_BACKGROUND_DELIVERIES;
        private String issuer = DEFAULT_ISSUER;
        private String audience = DEFAULT_AUDIENCE;
        private String consentTemplate;
        private ClaimsCustomizer claims = ClaimsCustomizer.NONE;
        private TokenIssuer tokenIssuer;
        private SateLoginListener listener = SateLoginListener.NONE;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        private Builder(SateLoginConfig c) {
            apiKey = c.apiKey;
            apiBaseUrl = c.apiBaseUrl;
            signingSecret = c.signingSecret;
            signingKey = c.signingKey;
            keyId = c.keyId;
            loginPaths = c.loginPaths;
            subject = c.subject;
            subjectResolver = c.subjectResolver;
            tokenTtl = c.tokenTtl;
            stateTtl = c.stateTtl;
            consent = c.consent;
            allowInsecureLocalhost = c.allowInsecureLocalhost;
            appName = c.appName;
            endpointPath = c.endpointPath;
            doneUrl = c.doneUrl;
            callbackTimeout = c.callbackTimeout;
            deliveryDeadline = c.deliveryDeadline;
            maxBackgroundDeliveries = c.maxBackgroundDeliveries;
            issuer = c.issuer;
            audience = c.audience;
            consentTemplate = c.consentTemplate;
            claims = c.claims;
            tokenIssuer = c.tokenIssuer;
            listener = c.listener;
            clock = c.clock;
        }

        /** {@code api-key}: the API key from Sate's platform settings (required). */
        public Builder apiKey(String apiKey) {
            if (apiKey == null || apiKey.isBlank()) {
                throw new IllegalArgumentException("api-key must not be empty: set it to the API key from Sate's"
                        + " platform settings, preferably as ${env:SATE_API_KEY}");
            }
            if (!apiKey.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw new IllegalArgumentException("api-key contains spaces or characters that cannot go in an HTTP"
                        + " header; copy the key again from Sate's platform settings");
            }
            this.apiKey = apiKey;
            return this;
        }

        /** {@code api-base-url}: Sate's API base; {@link #CALLBACK_PATH} is appended. */
        public Builder apiBaseUrl(URI apiBaseUrl) {
            Objects.requireNonNull(apiBaseUrl, "api-base-url");
            if (!apiBaseUrl.isAbsolute() || apiBaseUrl.getHost() == null || apiBaseUrl.getRawQuery() != null
                    || apiBaseUrl.getRawFragment() != null || apiBaseUrl.getRawUserInfo() != null) {
                throw new IllegalArgumentException("api-base-url must be an absolute URL like https://api.eusate.com"
                        + " without query, fragment or credentials, but was [" + withoutCredentials(apiBaseUrl.toString())
                        + "]");
            }
            String scheme = apiBaseUrl.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http")) {
                throw new IllegalArgumentException("api-base-url must use https, but was [" + apiBaseUrl + "]");
            }
            this.apiBaseUrl = apiBaseUrl;
            return this;
        }

        public Builder apiBaseUrl(String apiBaseUrl) {
            try {
                return apiBaseUrl(new URI(Objects.requireNonNull(apiBaseUrl, "api-base-url")));
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("api-base-url is not a valid URL: [" + withoutCredentials(apiBaseUrl)
                        + "]");
            }
        }

        /** A URL as an error message may show it: a password written into it is cut out. */
        static String withoutCredentials(String url) {
            return url.replaceAll("(?<=//)[^/?#]*@", "(credentials removed)@");
        }

        /**
         * {@code signing-secret}: the HS256 key for tokens (and for the state cookie), at least 32 bytes.
         * Generate one with {@code openssl rand -base64 32}.
         */
        public Builder signingSecret(String signingSecret) {
            this.signingSecret = checkSecret(signingSecret);
            return this;
        }

        /**
         * {@code signing-key-file}: sign tokens with RS256 (RSA key, 2048 bits or more) or ES256 (P-256
         * key) instead of an HS256 secret; a PKCS#8 PEM file. Needs {@link #keyId(String)}.
         */
        public Builder signingKeyFile(Path pemFile) {
            return signingKey(Keys.readPrivateKey(Objects.requireNonNull(pemFile, "signing-key-file"),
                    "signing-key-file"));
        }

        /** The RS256/ES256 private key itself; see {@link #signingKeyFile(Path)}. */
        public Builder signingKey(PrivateKey key) {
            Keys.forPrivateKey(Objects.requireNonNull(key, "signingKey"), "signing-key-file");
            this.signingKey = key;
            return this;
        }

        /**
         * {@code key-id}: the {@code kid} header of issued tokens. Required with a key file; with a
         * secret it defaults to a fingerprint of the secret, so rotating the secret changes it too.
         */
        public Builder keyId(String keyId) {
            Keys.checkKeyId(keyId, "key-id");
            this.keyId = keyId;
            return this;
        }

        /** {@code login-path}: request paths (after the context path) where Sate's state is captured. */
        public Builder loginPath(String... paths) {
            this.loginPaths = checkPaths("login-path", Arrays.asList(paths));
            return this;
        }

        /**
         * {@code subject}: {@code principal} or {@code session:NAME}; see {@link SubjectResolver}.
         * For any other way, use {@link #subjectResolver(SubjectResolver)}.
         */
        public Builder subject(String spec) {
            Objects.requireNonNull(spec, "subject");
            if (spec.equals("principal")) {
                this.subjectResolver = SubjectResolver.principal();
            } else if (spec.startsWith("session:") && !spec.substring(8).isBlank()) {
                this.subjectResolver = SubjectResolver.sessionAttribute(spec.substring(8));
            } else {
                throw new IllegalArgumentException("subject must be [principal] or [session:NAME] (the session"
                        + " attribute your login sets), but was [" + spec + "]");
            }
            this.subject = spec;
            return this;
        }

        /** A resolver of the app's own for who is signed in; replaces {@link #subject(String)}. */
        public Builder subjectResolver(SubjectResolver resolver) {
            this.subjectResolver = Objects.requireNonNull(resolver, "subjectResolver");
            this.subject = "custom:" + resolver.getClass().getSimpleName();
            return this;
        }

        /** {@code token-ttl}: how long the token Sate receives stays valid. */
        public Builder tokenTtl(Duration ttl) {
            this.tokenTtl = checkRange("token-ttl", ttl, Duration.ofMinutes(1), MAX_TOKEN_TTL);
            return this;
        }

        /** {@code state-ttl}: how long a captured state waits for the customer's login. */
        public Builder stateTtl(Duration ttl) {
            this.stateTtl = checkRange("state-ttl", ttl, Duration.ofMinutes(1), MAX_STATE_TTL);
            return this;
        }

        /** {@code consent}: ask the customer before the token is sent (default true; see the README). */
        public Builder consent(boolean consent) {
            this.consent = consent;
            return this;
        }

        /** {@code allow-insecure-localhost}: allow an {@code http://} API base on a loopback host. */
        public Builder allowInsecureLocalhost(boolean allow) {
            this.allowInsecureLocalhost = allow;
            return this;
        }

        /** {@code app-name}: the app's name as the consent page shows it. */
        public Builder appName(String appName) {
            if (appName == null || appName.isBlank() || appName.length() > 100) {
                throw new IllegalArgumentException("app-name must be 1 to 100 characters, but was [" + appName + "]");
            }
            this.appName = appName.strip();
            return this;
        }

        /** {@code endpoint-path}: where the filter serves its consent page (after the context path). */
        public Builder endpointPath(String path) {
            this.endpointPath = checkPaths("endpoint-path", List.of(path)).get(0);
            return this;
        }

        /**
         * {@code done-url}: where the customer goes after the consent decision, with
         * {@code sate_login=connected|denied|failed} appended; null (default) shows a built-in page.
         */
        public Builder doneUrl(URI doneUrl) {
            if (doneUrl != null && (doneUrl.getRawFragment() != null
                    || !(doneUrl.isAbsolute() || (doneUrl.getPath() != null && doneUrl.getPath().startsWith("/"))))) {
                throw new IllegalArgumentException("done-url must be an absolute URL or a path starting with /,"
                        + " without fragment, but was [" + doneUrl + "]");
            }
            this.doneUrl = doneUrl;
            return this;
        }

        /** {@code callback-timeout}: how long the customer waits for Sate's answer, retries included. */
        public Builder callbackTimeout(Duration timeout) {
            this.callbackTimeout = checkRange("callback-timeout", timeout, Duration.ofMillis(100), MAX_CALLBACK_TIMEOUT);
            return this;
        }

        /**
         * {@code delivery-deadline}: how long a delivery may go on in all, background retries
         * included; never past the state's or the token's expiry. At least the callback-timeout.
         */
        public Builder deliveryDeadline(Duration deadline) {
            this.deliveryDeadline = checkRange("delivery-deadline", deadline, Duration.ofMillis(100), MAX_DELIVERY_DEADLINE);
            return this;
        }

        /**
         * {@code max-background-deliveries}: deliveries that may retry in the background at once; when
         * that many are, the next one that needs the background fails at once (and the customer is told).
         * 0 turns background retries off.
         */
        public Builder maxBackgroundDeliveries(int max) {
            if (max < 0 || max > MAX_MAX_BACKGROUND_DELIVERIES) {
                throw new IllegalArgumentException("max-background-deliveries must be between 0 and "
                        + MAX_MAX_BACKGROUND_DELIVERIES + ", but was [" + max + "]");
            }
            this.maxBackgroundDeliveries = max;
            return this;
        }

        /** {@code issuer}: the {@code iss} claim of issued tokens; the token filter must expect the same. */
        public Builder issuer(String issuer) {
            this.issuer = checkClaim("issuer", issuer);
            return this;
        }

        /** {@code audience}: the {@code aud} claim of issued tokens; the token filter must expect the same. */
        public Builder audience(String audience) {
            this.audience = checkClaim("audience", audience);
            return this;
        }

        /**
         * The consent page as an HTML template, replacing the built-in one. It must contain
         * {@code {{form}}} (the hidden fields and the Allow/Deny buttons) and may contain
         * {@code {{app_name}}} and {@code {{subject}}}; all are HTML-escaped on substitution.
         * The init-param {@code consent-template} names a web-app resource holding it.
         */
        public Builder consentTemplate(String html) {
            if (html != null && !html.contains(ConsentPage.FORM_PLACEHOLDER)) {
                throw new IllegalArgumentException("consent-template must contain " + ConsentPage.FORM_PLACEHOLDER
                        + " where the Allow and Deny buttons go");
            }
            this.consentTemplate = html;
            return this;
        }

        /** Extra claims for each JWT the built-in issuer signs; see {@link ClaimsCustomizer}. */
        public Builder claims(ClaimsCustomizer claims) {
            this.claims = Objects.requireNonNull(claims, "claims");
            return this;
        }

        /** Replaces the built-in JWT issuer with the app's own tokens. */
        public Builder tokenIssuer(TokenIssuer tokenIssuer) {
            this.tokenIssuer = Objects.requireNonNull(tokenIssuer, "tokenIssuer");
            return this;
        }

        public Builder listener(SateLoginListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** The time source, for tests. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Checks the rules that span settings and returns the immutable config. */
        public SateLoginConfig build() {
            if (apiKey == null) {
                throw new IllegalArgumentException("api-key is required: set it to the API key from Sate's platform"
                        + " settings, preferably as ${env:SATE_API_KEY}");
            }
            if (signingSecret == null && signingKey == null) {
                throw new IllegalArgumentException("signing-secret is required: set it to at least "
                        + MIN_SECRET_BYTES + " random bytes (openssl rand -base64 32), preferably as"
                        + " ${env:SATE_SIGNING_SECRET}; or give signing-key-file and key-id for RS256/ES256");
            }
            if (signingSecret != null && signingKey != null) {
                throw new IllegalArgumentException("give either signing-secret (HS256) or signing-key-file"
                        + " (RS256/ES256), not both");
            }
            if (signingKey != null && keyId == null) {
                throw new IllegalArgumentException("key-id is required with signing-key-file: name the key (for"
                        + " example 2026-11) and list it under the same name in SateTokenFilter's public-keys");
            }
            if (apiBaseUrl.getScheme().equalsIgnoreCase("http")) {
                if (!isLoopback(apiBaseUrl.getHost())) {
                    throw new IllegalArgumentException("api-base-url must use https, but was [" + apiBaseUrl
                            + "]: the API key and tokens would cross the network unencrypted");
                }
                if (!allowInsecureLocalhost) {
                    throw new IllegalArgumentException("api-base-url [" + apiBaseUrl + "] uses http: use https, or"
                            + " set allow-insecure-localhost=true for a local Sate stand-in");
                }
            }
            if (deliveryDeadline.compareTo(callbackTimeout) < 0) {
                throw new IllegalArgumentException("delivery-deadline [" + deliveryDeadline + "] must not be shorter"
                        + " than callback-timeout [" + callbackTimeout + "]");
            }
            Set<String> reserved = new LinkedHashSet<>(loginPaths);
            if (reserved.contains(endpointPath)) {
                throw new IllegalArgumentException("endpoint-path [" + endpointPath + "] must differ from every"
                        + " login-path " + loginPaths);
            }
            return new SateLoginConfig(this);
        }

        static byte[] checkSecret(String secret) {
            if (secret == null || secret.isEmpty()) {
                throw new IllegalArgumentException("signing-secret must not be empty: set it to at least "
                        + MIN_SECRET_BYTES + " random bytes (openssl rand -base64 32)");
            }
            byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
            if (bytes.length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("signing-secret must be at least " + MIN_SECRET_BYTES
                        + " bytes, but was " + bytes.length + " bytes: generate one with openssl rand -base64 32");
            }
            return bytes;
        }

        private static List<String> checkPaths(String name, List<String> paths) {
            if (paths.isEmpty()) {
                throw new IllegalArgumentException(name + " needs at least one path, such as /login");
            }
            Set<String> unique = new LinkedHashSet<>();
            for (String p : paths) {
                String path = p == null ? null : p.strip();
                if (path == null || !path.startsWith("/") || path.length() > 200
                        || path.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f || c == '?' || c == '#' || c == '*')) {
                    throw new IllegalArgumentException(name + " must be paths after the context path, starting with /,"
                            + " without query or wildcards, but was [" + p + "]");
                }
                if (!unique.add(path)) {
                    throw new IllegalArgumentException(name + " lists [" + path + "] twice");
                }
            }
            return List.copyOf(unique);
        }

        private static Duration checkRange(String name, Duration d, Duration min, Duration max) {
            Objects.requireNonNull(d, name);
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max
                        + ", but was [" + d + "]");
            }
            return d;
        }

        static String checkClaim(String name, String value) {
            if (value == null || value.isBlank() || value.length() > 200) {
                throw new IllegalArgumentException(name + " must be 1 to 200 characters, but was [" + value + "]");
            }
            return value;
        }

        /** Loopback by name or literal address only: the host is never resolved through DNS here. */
        static boolean isLoopback(String host) {
            if (host.equalsIgnoreCase("localhost")) {
                return true;
            }
            String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            if (!literal.matches("[0-9.]+") && !literal.contains(":")) {
                return false;
            }
            try {
                return InetAddress.getByName(literal).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
    }
}
