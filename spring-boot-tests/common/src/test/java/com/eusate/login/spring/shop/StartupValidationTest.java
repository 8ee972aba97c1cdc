package com.eusate.login.spring.shop;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eusate.login.spring.SateConfigurationException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * A missing or wrong {@code sate.*} property stops the app at startup, with the filter's own message
 * (naming the setting and the fix, never the secret).
 */
class StartupValidationTest {

    private static final String SECRET = "a-signing-secret-long-enough-for-hs256-0123456789";

    private static String startupError(String... properties) {
        SpringApplicationBuilder app = new SpringApplicationBuilder(ShopApplication.class)
                .properties("server.port=0", "shop.login=own-page").properties(properties);
        Throwable e = assertThrows(Throwable.class, () -> app.run().close());
        while (e != null && !(e instanceof SateConfigurationException)) {
            e = e.getCause();
        }
        assertTrue(e != null, "a SateConfigurationException stopped the app");
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        return e.getMessage();
    }

    @Test
    void withoutAnApiKeyTheAppDoesNotStartAndSaysWhy() {
        String message = startupError("sate.login.signing-secret=" + SECRET);
        assertTrue(message.startsWith("SateLoginFilter [sate.login] is misconfigured: api-key is required"), message);
    }

    @Test
    void aPlaceholderOfAnUnsetVariableStopsTheAppNamingTheVariableInsteadOfSendingThePlaceholder() {
        String key = startupError("sate.login.api-key=${SATE_MATRIX_SURELY_UNSET_KEY}",
                "sate.login.signing-secret=" + SECRET);
        assertTrue(key.contains("SATE_MATRIX_SURELY_UNSET_KEY is not set"), key);
        String secret = startupError("sate.login.api-key=sk_test_key",
                "sate.login.signing-secret=${SATE_MATRIX_SURELY_UNSET_SECRET}");
        assertTrue(secret.contains("SATE_MATRIX_SURELY_UNSET_SECRET is not set") && !secret.contains("bytes"), secret);
    }

    @Test
    void aBlankApiKeyStopsTheAppAsAMissingOne() {
        String message = startupError("sate.login.api-key=   ", "sate.login.signing-secret=" + SECRET);
        assertTrue(message.startsWith("SateLoginFilter [sate.login] is misconfigured: api-key is required"), message);
    }

    @Test
    void aShortSigningSecretStopsTheAppWithTheFiltersMessage() {
        String message = startupError("sate.login.api-key=sk_test_key", "sate.login.signing-secret=short");
        assertTrue(message.contains("signing-secret") && message.contains("at least 32 bytes"), message);
    }

    @Test
    void aMisspeltPropertyStopsTheAppAndListsTheKnownOnes() {
        String message = startupError("sate.login.api-key=sk_test_key", "sate.login.signing-secret=" + SECRET,
                "sate.login.consnet=false");
        assertTrue(message.contains("Unknown property [sate.login.consnet]") && message.contains("consent"), message);
    }

    @Test
    void aPageSettingThatNamesAWebAppResourceIsNotAPropertyAndStopsTheAppAsUnknown() {
        String message = startupError("sate.login.api-key=sk_test_key", "sate.login.signing-secret=" + SECRET,
                "sate.login.consent-template=/WEB-INF/sate-consent.html");
        assertTrue(message.contains("Unknown property [sate.login.consent-template]"), message);
    }

    @Test
    void aWrongTokenSettingStopsTheAppWithTheTokenFiltersMessage() {
        String message = startupError("sate.login.api-key=sk_test_key", "sate.login.signing-secret=" + SECRET,
                "sate.token.token-location=cookie");
        assertTrue(message.startsWith("SateTokenFilter [sate.token] is misconfigured: token-location must be header,"
                + " query or body"), message);
    }
}
