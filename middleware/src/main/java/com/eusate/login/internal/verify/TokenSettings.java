package com.eusate.login.internal.verify;

import static com.eusate.login.internal.Setting.codeOnly;
import static com.eusate.login.internal.Setting.duration;
import static com.eusate.login.internal.Setting.integer;
import static com.eusate.login.internal.Setting.of;
import static com.eusate.login.internal.Setting.text;

import com.eusate.login.internal.InitParams;
import com.eusate.login.internal.Keys;
import com.eusate.login.internal.Setting;
import com.eusate.login.internal.Settings;
import com.eusate.login.internal.signin.LoginSettings;
import com.eusate.login.verify.JdbcRevocationStore;
import com.eusate.login.verify.RevocationStore;
import com.eusate.login.verify.TokenLocation;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * Every setting of {@code SateTokenFilter}, declared once: the configuration reference's table, the init-params, the
 * builder's checks and {@code toString} all come from here. Not API.
 */
public final class TokenSettings {

    static final String AUTHORIZATION = "Authorization";

    public static final Setting<byte[]> SIGNING_SECRET = of("signing-secret",
            (text, context) -> Keys.secret("signing-secret", text), "the HS256 secret `SateLoginFilter` signs with")
            .secret().defaultText("required unless `public-keys` or `verification-secrets`");
    public static final Setting<List<byte[]>> VERIFICATION_SECRETS = of("verification-secrets",
            (text, context) -> InitParams.list(text).stream().map(s -> Keys.secret("verification-secrets", s)).toList(),
            "comma-separated HS256 secrets also accepted (key rotation)").secret();
    public static final Setting<Map<String, PublicKey>> PUBLIC_KEYS = of("public-keys",
            (text, context) -> publicKeyFiles(text), "comma-separated `kid=/path/key.pem` public keys (PEM `PUBLIC"
            + " KEY`): RSA ≥ 2048 bits is RS256, P-256 is ES256")
            .check(TokenSettings::checkPublicKeys).shownAs(keys -> keys.keySet().toString());
    public static final Setting<TokenLocation> TOKEN_LOCATION = of("token-location",
            (text, context) -> location(text), "`header`, `query` or `body` (a JSON or form field; the app can still"
            + " read the body)").shownAs(l -> l.name().toLowerCase(Locale.ROOT)).defaultValue(TokenLocation.HEADER);
    public static final Setting<String> TOKEN_NAME = text("token-name", "header or parameter name")
            .check(name -> {
                if (!name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}")) {
                    throw new IllegalArgumentException("token-name must be a header or parameter name such as"
                            + " Authorization or token, but was [" + name + "]");
                }
            }).defaultText("`Authorization` (header), `token` (query, body)");
    public static final Setting<String> TOKEN_PREFIX = of("token-prefix", (text, context) -> text,
            "text before the token, matched case-insensitively")
            .check(prefix -> {
                if (prefix.length() > 100 || prefix.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
                    throw new IllegalArgumentException("token-prefix must be up to 100 visible ASCII characters,"
                            + " but was [" + prefix + "]");
                }
            }).shownAs(prefix -> "[" + prefix + "]").defaultText("`Bearer ` for the `Authorization` header, else empty");
    public static final Setting<String> ISSUER = text("issuer", 200, "required `iss`; same as the login filter's")
            .defaultValue("sate-login-middleware");
    public static final Setting<String> AUDIENCE = text("audience", 200, "required `aud`; same as the login filter's")
            .defaultValue("sate");
    /** The largest leeway allowed: stores keep revocations this long past a token's expiry, whatever the setting. */
    public static final Duration MAX_LEEWAY = Duration.ofMinutes(5);
    public static final Setting<Duration> LEEWAY = duration("leeway", Duration.ofSeconds(30), Duration.ZERO,
            MAX_LEEWAY, "clock skew allowed on `exp`, `iat`, `nbf` (at most `PT5M`)");
    public static final Setting<Duration> MAX_TOKEN_TTL = duration("max-token-ttl", Duration.ofHours(1),
            Duration.ofMinutes(1), LoginSettings.MAX_TOKEN_TTL, "longest lifetime (`exp` − `iat`) accepted: the login"
            + " filter's `token-ttl`; longer-lived tokens are refused, and revocations are kept this long");
    public static final Setting<Boolean> PASS_WITHOUT_TOKEN = of("when-no-token", (text, context) -> whenNoToken(text),
            "`reject`: a request without a Sate token gets `401`; `pass`: it goes on to your app's own authentication"
            + " (a token that is present but invalid is always `401`)").shownAs(pass -> pass ? "pass" : "reject")
            .defaultValue(false);
    public static final Setting<Integer> MAX_BODY_BYTES = integer("max-body-bytes", 64 * 1024, 1024,
            16 * 1024 * 1024, "largest body read with `token-location=body`; larger is `413`");
    public static final Setting<DataSource> REVOCATION_DATASOURCE = of("revocation-datasource",
            (text, context) -> lookup(text), "JNDI name of a `DataSource` (e.g. `java:comp/env/jdbc/app`) for the"
            + " shared JDBC revocation store").shownAs(ds -> ds.getClass().getName()).defaultText("in memory");
    public static final Setting<String> REVOCATION_TABLE = text("revocation-table", "its table, created if missing")
            .defaultValue("sate_revocations");

    public static final Setting<RevocationStore> REVOCATION_STORE = codeOnly("revocationStore", null,
            "where revocations are kept");
    public static final Setting<Clock> CLOCK = codeOnly("clock", Clock.systemUTC(), "the time source, for tests");
    /** Derived when the config is built: every key tokens are accepted from, by {@code kid}. */
    public static final Setting<List<Keys.VerificationKey>> KEYS = codeOnly("keys", List.of(), "derived");

    /** In the order of the configuration reference's table. */
    public static final List<Setting<?>> ALL = List.of(SIGNING_SECRET, VERIFICATION_SECRETS, PUBLIC_KEYS,
            TOKEN_LOCATION, TOKEN_NAME, TOKEN_PREFIX, ISSUER, AUDIENCE, LEEWAY, MAX_TOKEN_TTL, PASS_WITHOUT_TOKEN, MAX_BODY_BYTES, REVOCATION_DATASOURCE,
            REVOCATION_TABLE, REVOCATION_STORE, CLOCK, KEYS);

    private TokenSettings() {
    }

    /** The rules that span several settings, checked when the config is built. */
    public static void checkTogether(Settings s) {
        if (!s.isSet(SIGNING_SECRET) && !s.isSet(PUBLIC_KEYS) && !s.isSet(VERIFICATION_SECRETS)) {
            throw new IllegalArgumentException("signing-secret is required: the same secret as SateLoginFilter's,"
                    + " preferably as ${env:SATE_SIGNING_SECRET}; or give public-keys for RS256/ES256 tokens");
        }
        if (s.isSet(REVOCATION_TABLE) && !s.isSet(REVOCATION_DATASOURCE)) {
            throw new IllegalArgumentException("revocation-table needs revocation-datasource (the JNDI name of"
                    + " your DataSource, e.g. java:comp/env/jdbc/app)");
        }
    }

    /**
     * The settings as the filter uses them: what was left to a default that depends on other settings
     * (the token's name and prefix, the keys) worked out, and the revocation store chosen.
     */
    public static Settings resolved(Settings given) {
        Settings s = given.copy();
        s.set(TOKEN_NAME, tokenName(given));
        s.set(TOKEN_PREFIX, tokenPrefix(given));
        s.set(KEYS, List.copyOf(keys(given)));
        if (!s.isSet(REVOCATION_STORE)) {
            // the shared table keeps cut-offs for the longest lifetime any node may accept, so that
            // nodes configured differently never purge each other's rows too early
            s.set(REVOCATION_STORE, s.isSet(REVOCATION_DATASOURCE)
                    ? new JdbcRevocationStore(s.get(REVOCATION_DATASOURCE), s.get(REVOCATION_TABLE),
                            LoginSettings.MAX_TOKEN_TTL, Clock.systemUTC()).createTableIfMissing()
                    : new InMemoryRevocationStore(s.get(MAX_TOKEN_TTL), s.get(LEEWAY),
                            InMemoryRevocationStore.DEFAULT_MAX_ENTRIES, s.get(CLOCK)));
        }
        return s;
    }

    /** Every key tokens are accepted from, by {@code kid}, in the order configured. */
    private static List<Keys.VerificationKey> keys(Settings s) {
        Map<String, Keys.VerificationKey> keys = new LinkedHashMap<>();
        if (s.isSet(SIGNING_SECRET)) {
            add(keys, hs256(s.get(SIGNING_SECRET)), "signing-secret");
        }
        for (byte[] secret : s.isSet(VERIFICATION_SECRETS) ? s.get(VERIFICATION_SECRETS) : List.<byte[]>of()) {
            add(keys, hs256(secret), "verification-secrets");
        }
        Map<String, PublicKey> publicKeys = s.isSet(PUBLIC_KEYS) ? s.get(PUBLIC_KEYS) : Map.of();
        publicKeys.forEach((kid, key) -> add(keys, new Keys.VerificationKey(kid,
                Keys.forPublicKey(key, "public key [" + kid + "]")), "public-keys"));
        return new ArrayList<>(keys.values());
    }

    private static Keys.VerificationKey hs256(byte[] secret) {
        return new Keys.VerificationKey(com.eusate.login.internal.Hmac.keyIdOf(secret), Keys.hs256(secret));
    }

    private static void add(Map<String, Keys.VerificationKey> keys, Keys.VerificationKey key, String param) {
        if (keys.putIfAbsent(key.keyId(), key) != null) {
            throw new IllegalArgumentException(param + " repeats the key with kid [" + key.keyId()
                    + "]; each key may be given once");
        }
    }

    /** The header or parameter name: the configured one, else the usual one for the location. */
    private static String tokenName(Settings s) {
        if (s.isSet(TOKEN_NAME)) {
            return s.get(TOKEN_NAME);
        }
        return s.get(TOKEN_LOCATION) == TokenLocation.HEADER ? AUTHORIZATION : "token";
    }

    /** The text before the token: the configured one, else {@code Bearer } for the Authorization header. */
    private static String tokenPrefix(Settings s) {
        if (s.isSet(TOKEN_PREFIX)) {
            return s.get(TOKEN_PREFIX);
        }
        return s.get(TOKEN_LOCATION) == TokenLocation.HEADER && tokenName(s).equalsIgnoreCase(AUTHORIZATION)
                ? "Bearer " : "";
    }

    private static void checkPublicKeys(Map<String, PublicKey> keys) {
        keys.forEach((kid, key) -> {
            Keys.checkKeyId(kid, "public-keys kid");
            Keys.forPublicKey(key, "public key [" + kid + "]");
        });
    }

    private static Map<String, PublicKey> publicKeyFiles(String text) {
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        for (String entry : InitParams.list(text)) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("public-keys entries must be kid=/path/to/key.pem, but one was ["
                        + entry + "]");
            }
            String kid = entry.substring(0, eq).strip();
            Keys.checkKeyId(kid, "public-keys kid");
            PublicKey key = Keys.readPublicKey(Path.of(entry.substring(eq + 1).strip()), "public-keys [" + kid + "]");
            if (keys.putIfAbsent(kid, key) != null) {
                throw new IllegalArgumentException("public-keys repeats the key with kid [" + kid
                        + "]; each key may be given once");
            }
        }
        return java.util.Collections.unmodifiableMap(keys);
    }

    /** The when-no-token setting's spelling: {@code reject} (false) or {@code pass} (true). */
    public static boolean whenNoToken(String text) {
        return switch (text) {
            case "reject" -> false;
            case "pass" -> true;
            default -> throw new IllegalArgumentException("when-no-token must be [reject] or [pass], but was ["
                    + text + "]");
        };
    }

    private static TokenLocation location(String value) {
        for (TokenLocation l : TokenLocation.values()) {
            if (l.name().equalsIgnoreCase(value)) {
                return l;
            }
        }
        throw new IllegalArgumentException("token-location must be header, query or body, but was [" + value + "]");
    }

    private static DataSource lookup(String jndiName) {
        try {
            Object found = new InitialContext().lookup(jndiName);
            if (found instanceof DataSource ds) {
                return ds;
            }
            throw new IllegalArgumentException("revocation-datasource [" + jndiName + "] is not a DataSource");
        } catch (NamingException e) {
            throw new IllegalArgumentException("revocation-datasource [" + jndiName + "] was not found in JNDI;"
                    + " declare it as a resource (e.g. java:comp/env/jdbc/app)");
        }
    }
}
