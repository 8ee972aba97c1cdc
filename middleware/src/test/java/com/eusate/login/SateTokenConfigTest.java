package com.eusate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eusate.login.internal.Keys;
import com.eusate.login.internal.verify.TokenSettings;
import com.eusate.login.verify.RevocationStore;
import com.eusate.login.verify.SateTokenConfig;
import com.eusate.login.verify.TokenLocation;
import jakarta.servlet.ServletException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SateTokenFilter's init-params: defaults per location, and one clear startup error per rule. */
class SateTokenConfigTest {

    static final String SECRET = "token-filter-secret-at-least-32-bytes";

    @TempDir
    Path dir;

    private static String initError(InitParamsFixture params) {
        ServletException e = assertThrows(ServletException.class, () -> new SateTokenFilter().init(params));
        assertTrue(e.getMessage().startsWith("SateTokenFilter [sate] is misconfigured: "), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), "no secret in the message");
        return e.getMessage();
    }

    @Test
    void defaultsFollowTheTokenLocation() {
        SateTokenConfig header = SateTokenConfig.fromInitParams(new InitParamsFixture().with("signing-secret", SECRET));
        assertEquals(TokenLocation.HEADER, header.get(TokenSettings.TOKEN_LOCATION));
        assertEquals("Authorization", header.get(TokenSettings.TOKEN_NAME));
        assertEquals("Bearer ", header.get(TokenSettings.TOKEN_PREFIX));
        SateTokenConfig query = SateTokenConfig.fromInitParams(new InitParamsFixture().with("signing-secret", SECRET)
                .with("token-location", "query"));
        assertEquals("token", query.get(TokenSettings.TOKEN_NAME));
        assertEquals("", query.get(TokenSettings.TOKEN_PREFIX));
        SateTokenConfig custom = SateTokenConfig.fromInitParams(new InitParamsFixture().with("signing-secret", SECRET)
                .with("token-location", "header").with("token-name", "X-Api-Key"));
        assertEquals("", custom.get(TokenSettings.TOKEN_PREFIX));
        assertFalse(header.toString().contains(SECRET));
    }

    @Test
    void publicKeysAndRotationSecretsAreRead() throws Exception {
        Path rsa = TestKeys.write(dir, "rsa.pub.pem", TestKeys.RSA.getPublic());
        Path ec = TestKeys.write(dir, "ec.pub.pem", TestKeys.EC.getPublic());
        SateTokenConfig config = SateTokenConfig.fromInitParams(new InitParamsFixture()
                .with("signing-secret", SECRET)
                .with("verification-secrets", "another-secret-also-at-least-32-bytes")
                .with("public-keys", "rsa-1=" + rsa + ", ec-1=" + ec));
        assertEquals(4, keyIds(config).size());
        assertEquals(List.of("rsa-1", "ec-1"), keyIds(config).subList(2, 4));
    }

    @Test
    void newBuilderKeepsTheInitParamsAndTakesARevocationStoreAndANewLocation() {
        SateTokenConfig fromParams = SateTokenConfig.fromInitParams(new InitParamsFixture()
                .with("signing-secret", SECRET).with("issuer", "shop"));
        RevocationStore store = RevocationStore.inMemory();

        SateTokenConfig derived = fromParams.newBuilder().revocationStore(store).tokenLocation(TokenLocation.QUERY)
                .build();

        assertSame(store, derived.revocationStore());
        assertEquals("shop", derived.get(TokenSettings.ISSUER));
        assertEquals(fromParams.get(TokenSettings.KEYS).get(0).keyId(), derived.get(TokenSettings.KEYS).get(0).keyId());
        assertEquals("token", derived.get(TokenSettings.TOKEN_NAME), "the name follows the new location");
        assertEquals("", derived.get(TokenSettings.TOKEN_PREFIX));
        assertEquals("Authorization", fromParams.get(TokenSettings.TOKEN_NAME), "the original is unchanged");
        assertNotSame(store, fromParams.revocationStore());
    }

    @Test
    void noKeyAtAllIsReported() {
        assertTrue(initError(new InitParamsFixture()).contains("signing-secret is required"));
    }

    @Test
    void shortSecretIsReported() {
        assertTrue(initError(new InitParamsFixture().with("signing-secret", "short")).contains("at least 32 bytes"));
    }

    @Test
    void badTokenLocationIsReported() {
        String m = initError(new InitParamsFixture().with("signing-secret", SECRET).with("token-location", "cookie"));
        assertTrue(m.contains("token-location must be header, query or body, but was [cookie]"), m);
    }

    @Test
    void badPublicKeyEntryIsReported() throws Exception {
        String m = initError(new InitParamsFixture().with("public-keys", dir.resolve("missing.pem").toString()));
        assertTrue(m.contains("public-keys entries must be kid=/path/to/key.pem"), m);
        m = initError(new InitParamsFixture().with("public-keys", "k1=" + dir.resolve("missing.pem")));
        assertTrue(m.contains("cannot be read"), m);
        Path priv = TestKeys.write(dir, "priv.pem", TestKeys.RSA.getPrivate());
        m = initError(new InitParamsFixture().with("public-keys", "k1=" + priv));
        assertTrue(m.contains("has no -----BEGIN PUBLIC KEY----- block"), m);
    }

    @Test
    void weakRsaKeyIsReported() throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(1024);
        Path weak = TestKeys.write(dir, "weak.pem", g.generateKeyPair().getPublic());
        String m = initError(new InitParamsFixture().with("public-keys", "k1=" + weak));
        assertTrue(m.contains("is a 1024-bit RSA key; use at least 2048 bits"), m);
    }

    @Test
    void repeatedKeyIsReported() {
        String m = initError(new InitParamsFixture().with("signing-secret", SECRET).with("verification-secrets", SECRET));
        assertTrue(m.contains("verification-secrets repeats the key"), m);
    }

    @Test
    void leewayAndBodyLimitOutOfRangeAreReported() {
        assertTrue(initError(new InitParamsFixture().with("signing-secret", SECRET).with("leeway", "PT1H"))
                .contains("leeway must be between PT0S and PT5M"));
        assertTrue(initError(new InitParamsFixture().with("signing-secret", SECRET).with("max-body-bytes", "10"))
                .contains("max-body-bytes must be between 1024"));
        assertTrue(initError(new InitParamsFixture().with("signing-secret", SECRET).with("max-body-bytes", "lots"))
                .contains("must be a whole number"));
    }

    @Test
    void revocationTableWithoutDatasourceAndUnknownJndiNameAreReported() {
        assertTrue(initError(new InitParamsFixture().with("signing-secret", SECRET).with("revocation-table", "t"))
                .contains("revocation-table needs revocation-datasource"));
        assertTrue(initError(new InitParamsFixture().with("signing-secret", SECRET)
                .with("revocation-datasource", "java:comp/env/jdbc/none")).contains("was not found in JNDI"));
    }

    @Test
    void loginFilterKeyFileNeedsAKeyId() throws Exception {
        Path priv = TestKeys.write(dir, "ec.pem", TestKeys.EC.getPrivate());
        ServletException e = assertThrows(ServletException.class, () -> new SateLoginFilter().init(new InitParamsFixture()
                .with("api-key", "k").with("signing-key-file", priv.toString())));
        assertTrue(e.getMessage().contains("key-id is required with signing-key-file"), e.getMessage());
    }

    @Test
    void verificationSecretsAloneAreEnoughToStartAsBefore() {
        SateTokenConfig config = SateTokenConfig.builder().verificationSecrets(SECRET).build();
        assertEquals(1, keyIds(config).size());
    }

    private static List<String> keyIds(SateTokenConfig config) {
        return config.get(TokenSettings.KEYS).stream().map(Keys.VerificationKey::keyId).toList();
    }
}
