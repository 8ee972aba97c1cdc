package com.eusate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eusate.login.internal.signin.LoginSettings;
import com.eusate.login.signin.SateLoginConfig;
import com.eusate.login.signin.SubjectResolver;
import jakarta.servlet.ServletException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every configuration rule stops init() with a message that names the parameter and the fix. */
class SateLoginConfigTest {

    static final String API_KEY = "sk_test_0123456789abcdefghij";
    static final String SECRET = "a-signing-secret-of-at-least-32-bytes!!";

    private static InitParamsFixture valid() {
        return new InitParamsFixture()
                .with("api-key", API_KEY)
                .with("signing-secret", SECRET);
    }

    /** Runs the filter's init() as a container would and returns the startup error. */
    private static String initError(InitParamsFixture params) {
        SateLoginFilter filter = new SateLoginFilter();
        ServletException e = assertThrows(ServletException.class, () -> filter.init(params));
        String message = e.getMessage();
        assertTrue(message.startsWith("SateLoginFilter [sate] is misconfigured: "), message);
        assertFalse(message.contains(API_KEY), "the API key never appears in an error");
        assertFalse(message.contains(SECRET), "the signing secret never appears in an error");
        return message;
    }

    @Test
    void validInitParamsGiveTheDocumentedDefaults() {
        SateLoginConfig config = SateLoginConfig.fromInitParams(valid());
        assertEquals(URI.create("https://api.eusate.com/api/v1/lab/login/callback/"), config.callbackUri());
        assertEquals(List.of("/login"), config.get(LoginSettings.LOGIN_PATH));
        assertEquals(Duration.ofHours(1), config.get(LoginSettings.TOKEN_TTL));
        assertEquals(Duration.ofMinutes(10), config.get(LoginSettings.STATE_TTL));
        assertTrue(config.get(LoginSettings.CONSENT));
        assertFalse(config.get(LoginSettings.ALLOW_INSECURE_LOCALHOST));
        assertFalse(config.toString().contains(API_KEY) || config.toString().contains(SECRET), config::toString);
    }

    @Test
    void everyInitParamIsReadIncludingEnvAndSysReferences() {
        System.setProperty("sate.test.key", API_KEY);
        try {
            SateLoginConfig config = SateLoginConfig.fromInitParams(valid()
                    .with("api-key", "${sys:sate.test.key}")
                    .with("api-base-url", "http://127.0.0.1:9999/sate/")
                    .with("allow-insecure-localhost", "true")
                    .with("login-path", "/login, /signin")
                    .with("subject", "session:user")
                    .with("token-ttl", "900")
                    .with("state-ttl", "PT5M")
                    .with("consent", "false")
                    .with("app-name", "Acme")
                    .with("endpoint-path", "/_sate")
                    .with("done-url", "/account")
                    .with("callback-timeout", "PT3S")
                    .with("issuer", "acme")
                    .with("audience", "acme-api"));
            assertEquals(API_KEY, config.get(LoginSettings.API_KEY));
            assertEquals(URI.create("http://127.0.0.1:9999/sate/api/v1/lab/login/callback/"), config.callbackUri());
            assertEquals(List.of("/login", "/signin"), config.get(LoginSettings.LOGIN_PATH));
            assertEquals(Duration.ofSeconds(900), config.get(LoginSettings.TOKEN_TTL));
            assertEquals(Duration.ofMinutes(5), config.get(LoginSettings.STATE_TTL));
            assertFalse(config.get(LoginSettings.CONSENT));
            assertEquals("Acme", config.get(LoginSettings.APP_NAME));
            assertEquals("/_sate", config.get(LoginSettings.ENDPOINT_PATH));
            assertEquals(URI.create("/account"), config.get(LoginSettings.DONE_URL));
            assertEquals(Duration.ofSeconds(3), config.get(LoginSettings.CALLBACK_TIMEOUT));
            assertEquals("acme", config.get(LoginSettings.ISSUER));
            assertEquals("acme-api", config.get(LoginSettings.AUDIENCE));
        } finally {
            System.clearProperty("sate.test.key");
        }
    }

    @Test
    void missingApiKeyIsReported() {
        String m = initError(valid().without("api-key"));
        assertTrue(m.contains("api-key is required") && m.contains("${env:SATE_API_KEY}"), m);
    }

    @Test
    void apiKeyWithSpacesIsReported() {
        String m = initError(valid().with("api-key", "sk live key"));
        assertTrue(m.contains("api-key contains spaces"), m);
    }

    @Test
    void missingSigningSecretIsReported() {
        String m = initError(valid().without("signing-secret"));
        assertTrue(m.contains("signing-secret is required") && m.contains("openssl rand -base64 32"), m);
    }

    @Test
    void shortSigningSecretIsReportedWithItsLengthButNotItsValue() {
        String m = initError(valid().with("signing-secret", "too-short-secret"));
        assertTrue(m.contains("signing-secret must be at least 32 bytes, but was 16 bytes"), m);
        assertFalse(m.contains("too-short-secret"), m);
    }

    @Test
    void httpBaseUrlOffLoopbackIsReportedEvenWithTheLocalhostSwitch() {
        String m = initError(valid().with("api-base-url", "http://api.eusate.com")
                .with("allow-insecure-localhost", "true"));
        assertTrue(m.contains("api-base-url must use https, but was [http://api.eusate.com]"), m);
    }

    @Test
    void httpLoopbackBaseUrlNeedsTheExplicitSwitch() {
        String m = initError(valid().with("api-base-url", "http://localhost:8080/sate"));
        assertTrue(m.contains("allow-insecure-localhost=true"), m);
    }

    @Test
    void loopbackLookalikeHostIsNotLoopback() {
        String m = initError(valid().with("api-base-url", "http://127.0.0.1.evil.example")
                .with("allow-insecure-localhost", "true"));
        assertTrue(m.contains("must use https"), m);
    }

    @Test
    void baseUrlWithQueryOrCredentialsIsReported() {
        String m = initError(valid().with("api-base-url", "https://user:s3cr3t-pw@api.eusate.com"));
        assertTrue(m.contains("api-base-url must be an absolute URL"), m);
        assertFalse(m.contains("s3cr3t-pw"), "a password in the URL is not repeated: " + m);
        assertTrue(m.contains("https://(credentials removed)@api.eusate.com"), m);
        String unparsable = initError(valid().with("api-base-url", "https://user:s3cr3t-pw@api.eusate.com/a b"));
        assertFalse(unparsable.contains("s3cr3t-pw"), unparsable);
        assertTrue(initError(valid().with("api-base-url", "api.eusate.com")).contains("absolute URL"));
        assertTrue(initError(valid().with("api-base-url", "ftp://api.eusate.com")).contains("must use https"));
    }

    @Test
    void unknownInitParamIsReportedWithTheKnownNames() {
        String m = initError(valid().with("apikey", "x"));
        assertTrue(m.contains("Unknown init-param [apikey]") && m.contains("api-key"), m);
    }

    @Test
    void unsetEnvironmentReferenceIsReported() {
        String m = initError(valid().with("api-key", "${env:SATE_TEST_SURELY_UNSET_VARIABLE}"));
        assertTrue(m.contains("SATE_TEST_SURELY_UNSET_VARIABLE is not set: init-param [api-key] refers to ${env:SATE_TEST_SURELY_UNSET_VARIABLE}"), m);
    }

    @Test
    void aPlaceholderThatNothingResolvedStopsStartupNamingTheUnsetVariable() {
        String key = initError(valid().with("api-key", "${SATE_API_KEY}"));
        assertTrue(key.contains("SATE_API_KEY is not set: [api-key] still reads ${SATE_API_KEY}"), key);
        String secret = initError(valid().with("signing-secret", "${SATE_SIGNING_SECRET:a-default-that-is-a-secret}"));
        assertTrue(secret.contains("SATE_SIGNING_SECRET is not set: [signing-secret]"), secret);
        assertFalse(secret.contains("a-default-that-is-a-secret"), "the default after the colon is never shown: " + secret);
        assertFalse(secret.contains("bytes"), "not judged as a secret of the placeholder's length: " + secret);
    }

    @Test
    void aBlankApiKeyIsRefusedAsMissing() {
        String m = initError(valid().with("api-key", "   "));
        assertEquals(initError(valid().without("api-key")), m);
        assertTrue(m.contains("api-key"), m);
    }

    @Test
    void badDurationIsReported() {
        String m = initError(valid().with("token-ttl", "1 hour"));
        assertTrue(m.contains("init-param [token-ttl] must be an ISO-8601 duration such as PT10M or a number of seconds,"
                + " but was [1 hour]"), m);
    }

    @Test
    void durationOutOfRangeIsReported() {
        String m = initError(valid().with("token-ttl", "P90D"));
        assertTrue(m.contains("token-ttl must be between PT1M and PT720H, but was [PT2160H]"), m);
        assertTrue(initError(valid().with("state-ttl", "0")).contains("state-ttl must be between"));
    }

    @Test
    void badBooleanIsReported() {
        String m = initError(valid().with("consent", "yes"));
        assertTrue(m.contains("init-param [consent] must be true or false, but was [yes]"), m);
    }

    @Test
    void badSubjectSpecIsReported() {
        String m = initError(valid().with("subject", "session:"));
        assertTrue(m.contains("subject must be [principal] or [session:NAME]"), m);
    }

    @Test
    void badLoginPathIsReported() {
        String m = initError(valid().with("login-path", "login"));
        assertTrue(m.contains("login-path must be paths after the context path, starting with /"), m);
        assertTrue(initError(valid().with("login-path", "/a,/a")).contains("login-path lists [/a] twice"));
    }

    @Test
    void endpointPathClashingWithALoginPathIsReported() {
        String m = initError(valid().with("endpoint-path", "/login"));
        assertTrue(m.contains("endpoint-path [/login] must differ from every login-path"), m);
    }

    @Test
    void doneUrlWithAFragmentIsReported() {
        String m = initError(valid().with("done-url", "/account#x"));
        assertTrue(m.contains("done-url must be an absolute URL or a path starting with /"), m);
    }

    @Test
    void initParamsBesideABuilderConfigAreReported() {
        SateLoginFilter filter = new SateLoginFilter(SateLoginConfig.builder().apiKey(API_KEY).signingSecret(SECRET).build());
        ServletException e = assertThrows(ServletException.class, () -> filter.init(valid()));
        assertTrue(e.getMessage().contains("remove its init-params"), e.getMessage());
    }

    @Test
    void missingConsentTemplateFormPlaceholderIsReported() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SateLoginConfig.builder().consentTemplate("<p>no buttons</p>"));
        assertTrue(e.getMessage().contains("consent-template must contain {{form}}"), e.getMessage());
    }

    @Test
    void keyIdBesideASigningSecretIsReported() {
        String m = initError(valid().with("key-id", "2026-11"));
        assertTrue(m.contains("key-id goes with signing-key-file only"), m);
    }

    @Test
    void nullDoneUrlAndConsentTemplateMeanTheBuiltInPagesAsBefore() {
        SateLoginConfig config = SateLoginConfig.builder().apiKey(API_KEY).signingSecret(SECRET)
                .doneUrl(URI.create("/account")).doneUrl(null).consentTemplate(null).build();
        assertEquals(null, config.get(LoginSettings.DONE_URL));
        assertEquals(null, config.get(LoginSettings.CONSENT_TEMPLATE));
    }

    @Test
    void aCustomSubjectResolverIsShownByItsClassNotByItsToString() {
        SateLoginConfig config = SateLoginConfig.builder().apiKey(API_KEY).signingSecret(SECRET)
                .subjectResolver(new SubjectResolver() {
                    @Override
                    public java.util.Optional<String> subjectOf(jakarta.servlet.http.HttpServletRequest request) {
                        return java.util.Optional.empty();
                    }

                    @Override
                    public String toString() {
                        return "resolver holding db-password=hunter2";
                    }
                }).build();
        assertTrue(config.toString().contains("subject=custom:"), config::toString);
        assertFalse(config.toString().contains("hunter2"), config::toString);
    }
}
