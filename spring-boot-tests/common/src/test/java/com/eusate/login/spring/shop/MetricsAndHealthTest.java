package com.eusate.login.spring.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eusate.login.Browser;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/** Actuator's {@code /actuator/metrics} and {@code /actuator/health} after one whole flow and Sate's calls. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = ShopApplication.class,
        properties = "shop.login=own-page")
@DirtiesContext
class MetricsAndHealthTest extends ShopFlowSupport {

    private String get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base().resolve(path))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return response.body();
    }

    /** The single measurement of a meter's JSON: COUNT for counters and timers. */
    private double count(String metricJson) {
        Matcher m = Pattern.compile("\"statistic\":\"COUNT\",\"value\":([0-9.E]+)").matcher(metricJson);
        assertTrue(m.find(), metricJson);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void actuatorMetricsShowsTheSateCountersAndTheDeliveryTimerAfterAFlow() throws Exception {
        String token = connect(new Browser(base()), "alice", "wonderland");
        assertEquals(200, asSate("GET", "/api/orders", token, null).statusCode());
        assertEquals(401, asSate("GET", "/api/orders", "not-a-token", null).statusCode());

        String names = get("/actuator/metrics");
        for (String meter : new String[] {"sate.login.events", "sate.login.delivery", "sate.login.deliveries.background",
                "sate.token.requests"}) {
            assertTrue(names.contains("\"" + meter + "\""), meter + " in " + names);
        }
        assertEquals(1.0, count(get("/actuator/metrics/sate.login.events?tag=type:state_captured")));
        assertEquals(1.0, count(get("/actuator/metrics/sate.login.events?tag=type:consent_shown")));
        assertEquals(1.0, count(get("/actuator/metrics/sate.login.events?tag=type:delivered")));
        assertEquals(0.0, count(get("/actuator/metrics/sate.login.events?tag=type:failed&tag=failure:bad_api_key")));
        assertEquals(1.0, count(get("/actuator/metrics/sate.login.delivery?tag=outcome:delivered")));
        assertEquals(1.0, count(get("/actuator/metrics/sate.token.requests?tag=outcome:accepted")));
        assertEquals(1.0, count(get("/actuator/metrics/sate.token.requests?tag=outcome:invalid")));
    }

    @Test
    void actuatorHealthHasASateContributorForBackgroundDeliveriesAndTheRevocationStore() throws Exception {
        String health = get("/actuator/health/sate");

        assertTrue(health.contains("\"status\":\"UP\""), health);
        assertTrue(health.contains("\"backgroundDeliveries\":0") && health.contains("\"maxBackgroundDeliveries\":1000"),
                health);
        assertTrue(health.contains("\"revocationStoreAnswers\":true"), health);
    }
}
