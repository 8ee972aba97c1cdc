package com.eusate.login.spring.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eusate.login.Browser;
import com.eusate.login.verify.RevocationStore;
import com.eusate.login.verify.VerifiedToken;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The app's own {@code RevocationStore} bean is the one Sate's tokens are checked against and logout
 * writes to; when it cannot answer, the {@code sate} health contributor says so.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = {ShopApplication.class,
        RevocationStoreDownTest.FlakyStore.class}, properties = "shop.login=own-page")
@DirtiesContext
class RevocationStoreDownTest extends ShopFlowSupport {

    /** A store of the app's own (a database, say) that can be switched off. */
    @TestConfiguration(proxyBeanMethods = false)
    static class FlakyStore {
        static final AtomicBoolean DOWN = new AtomicBoolean();

        @Bean
        RevocationStore appRevocationStore() {
            RevocationStore memory = RevocationStore.inMemory();
            return new RevocationStore() {
                @Override
                public void revokeToken(String tokenId, Instant expiresAt) {
                    memory.revokeToken(tokenId, expiresAt);
                }

                @Override
                public void revokeSubject(String subject, Instant issuedUpTo) {
                    memory.revokeSubject(subject, issuedUpTo);
                }

                @Override
                public boolean isRevoked(VerifiedToken token) {
                    if (DOWN.get()) {
                        throw new IllegalStateException("database unreachable");
                    }
                    return memory.isRevoked(token);
                }
            };
        }
    }

    @Autowired
    RevocationStore revocations;

    private HttpResponse<String> health() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(base().resolve("/actuator/health/sate"))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theAppsStoreIsUsedAndWhenItCannotAnswerTheSateHealthIsDown() throws Exception {
        String token = connect(new Browser(base()), "alice", "wonderland");
        assertEquals(200, asSate("GET", "/api/orders", token, null).statusCode());
        revocations.revokeSubject("alice", Instant.now().plusSeconds(1));
        assertEquals(401, asSate("GET", "/api/orders", token, null).statusCode(), "the app's store revoked it");
        assertEquals(200, health().statusCode());

        FlakyStore.DOWN.set(true);
        try {
            HttpResponse<String> down = health();
            assertEquals(503, down.statusCode(), down.body());
            assertTrue(down.body().contains("\"status\":\"DOWN\"") && down.body().contains("\"revocationStoreAnswers\":false"),
                    down.body());
            assertNotEquals(200, asSate("GET", "/api/orders", token, null).statusCode(), "never let through unchecked");
        } finally {
            FlakyStore.DOWN.set(false);
        }
    }
}
