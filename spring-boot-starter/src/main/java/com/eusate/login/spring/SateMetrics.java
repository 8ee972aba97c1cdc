package com.eusate.login.spring;

import com.eusate.login.SateLoginFilter;
import com.eusate.login.signin.SateLoginEvent;
import com.eusate.login.signin.SateLoginListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Sate's Micrometer meters, bound to every registry Spring Boot has:
 * <ul>
 *   <li>{@code sate.login.events} (counter), tags {@code type} (the event type, lower case) and
 *       {@code failure} (the reason of a {@code failed} event, else {@code none}), one per
 *       combination from the start;</li>
 *   <li>{@code sate.login.delivery} (timer), tag {@code outcome} ({@code delivered}, {@code failed}):
 *       from the customer's Allow to Sate's acceptance or the final failure, background retries included;</li>
 *   <li>{@code sate.login.deliveries.background} (gauge): deliveries retrying in the background now;</li>
 *   <li>{@code sate.token.requests} (counter), tag {@code outcome} ({@code accepted}, {@code invalid}
 *       (401), {@code too_large} (413), {@code unavailable} (503), {@code refused} (any other)):
 *       the requests that carried a Sate token.</li>
 * </ul>
 * Tags never carry a customer, state or token. Thread-safe.
 */
final class SateMetrics implements MeterBinder, SateLoginListener, SateTokenOutcomes {

    /** Deliveries whose Allow has been seen and whose end has not, by state fingerprint; bounded. */
    private static final int MAX_OPEN_DELIVERIES = 10_000;

    private final Supplier<SateLoginFilter> filter;
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
    private final Map<String, Instant> allowedAt = new ConcurrentHashMap<>();

    SateMetrics(Supplier<SateLoginFilter> filter) {
        this.filter = filter;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        registries.add(registry);
        for (SateLoginEvent.Type type : SateLoginEvent.Type.values()) {
            if (type == SateLoginEvent.Type.FAILED) {
                for (SateLoginEvent.Failure failure : SateLoginEvent.Failure.values()) {
                    events(registry, type, failure);
                }
            } else {
                events(registry, type, null);
            }
        }
        for (String outcome : List.of("delivered", "failed")) {
            delivery(registry, outcome);
        }
        for (String outcome : List.of("accepted", "invalid", "too_large", "unavailable", "refused")) {
            tokens(registry, outcome);
        }
        Gauge.builder("sate.login.deliveries.background", filter, f -> {
                    SateLoginFilter started = f.get();
                    try {
                        return started == null ? 0 : started.stats().inBackground();
                    } catch (IllegalStateException notStarted) {
                        return 0;
                    }
                })
                .description("Sate token deliveries retrying in the background right now").register(registry);
    }

    @Override
    public void onEvent(SateLoginEvent event) {
        for (MeterRegistry registry : registries) {
            events(registry, event.type(), event.failure()).increment();
        }
        String key = event.stateHash();
        switch (event.type()) {
            case ALLOWED -> {
                if (key != null && allowedAt.size() < MAX_OPEN_DELIVERIES) {
                    allowedAt.put(key, event.at());
                }
            }
            case DELIVERED, FAILED -> {
                Instant start = key == null ? null : allowedAt.remove(key);
                if (start != null) {
                    Duration took = Duration.between(start, event.at());
                    String outcome = event.type() == SateLoginEvent.Type.DELIVERED ? "delivered" : "failed";
                    registries.forEach(r -> delivery(r, outcome).record(took.isNegative() ? Duration.ZERO : took));
                }
            }
            default -> {
            }
        }
    }

    @Override
    public void accepted() {
        registries.forEach(r -> tokens(r, "accepted").increment());
    }

    @Override
    public void refused(int status) {
        String outcome = switch (status) {
            case 401 -> "invalid";
            case 413 -> "too_large";
            case 503 -> "unavailable";
            default -> "refused";
        };
        registries.forEach(r -> tokens(r, outcome).increment());
    }

    private static Counter events(MeterRegistry registry, SateLoginEvent.Type type, SateLoginEvent.Failure failure) {
        return Counter.builder("sate.login.events")
                .description("Sate login events: captures, consents, decisions, deliveries and failures")
                .tag("type", type.name().toLowerCase(Locale.ROOT))
                .tag("failure", failure == null ? "none" : failure.name().toLowerCase(Locale.ROOT))
                .register(registry);
    }

    private static Timer delivery(MeterRegistry registry, String outcome) {
        return Timer.builder("sate.login.delivery")
                .description("From the customer's Allow to Sate's acceptance or the final failure")
                .tag("outcome", outcome).register(registry);
    }

    private static Counter tokens(MeterRegistry registry, String outcome) {
        return Counter.builder("sate.token.requests").description("Requests that carried a Sate token, by outcome")
                .tag("outcome", outcome).register(registry);
    }
}
