package com.eusate.login.spring;

import com.eusate.login.SateLoginFilter;
import com.eusate.login.signin.SateLoginStats;
import com.eusate.login.verify.RevocationStore;
import com.eusate.login.verify.VerifiedToken;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What Sate's Actuator health contributor reports, independent of the Spring Boot line (whose
 * health API moved between 3.5 and 4): the background deliveries (in flight against
 * {@code max-background-deliveries}, delivered, failed, refused API keys) and whether the
 * revocation store answers. Down when the store cannot answer (the function side then refuses
 * Sate's calls with 503) or the background is full. Thread-safe.
 */
final class SateHealth {

    /** The outcome: up or not, and details safe to show (no customer, state or secret). */
    record Report(boolean up, Map<String, Object> details) {
    }

    private static final VerifiedToken PROBE = new VerifiedToken("sate-health-probe", "sate-health-probe", "probe",
            Instant.EPOCH, Instant.EPOCH.plusSeconds(1), Map.of());

    private final Supplier<SateLoginFilter> filter;
    private final int maxBackground;
    private final RevocationStore revocations;

    SateHealth(Supplier<SateLoginFilter> filter, int maxBackground, RevocationStore revocations) {
        this.filter = filter;
        this.maxBackground = maxBackground;
        this.revocations = revocations;
    }

    Report check() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean up = true;
        SateLoginFilter login = filter.get();
        if (login != null) {
            try {
                SateLoginStats stats = login.stats();
                int max = maxBackground;
                details.put("backgroundDeliveries", stats.inBackground());
                details.put("maxBackgroundDeliveries", max);
                details.put("delivered", stats.delivered());
                details.put("failed", stats.failed());
                details.put("badApiKey", stats.badApiKey());
                if (max > 0 && stats.inBackground() >= max) {
                    up = false;
                    details.put("backgroundFull", true);
                }
            } catch (IllegalStateException notStarted) {
                details.put("loginFilter", "not started");
            }
        }
        if (revocations != null) {
            details.put("revocationStore", revocations.getClass().getSimpleName());
            try {
                revocations.isRevoked(PROBE);
                details.put("revocationStoreAnswers", true);
            } catch (RuntimeException e) {
                up = false;
                details.put("revocationStoreAnswers", false);
                details.put("revocationStoreError", e.getClass().getSimpleName());
            }
        }
        return new Report(up, details);
    }
}
