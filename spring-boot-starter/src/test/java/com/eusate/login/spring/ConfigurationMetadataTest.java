package com.eusate.login.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eusate.login.internal.Setting;
import com.eusate.login.internal.signin.LoginSettings;
import com.eusate.login.internal.verify.TokenSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metadata the jar ships (IDE completion) names every init-param of both filters, with its default. */
class ConfigurationMetadataTest {

    private static Map<String, JsonNode> shipped() throws Exception {
        try (InputStream in = ConfigurationMetadataTest.class
                .getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, JsonNode> byName = new HashMap<>();
            root.get("properties").forEach(p -> byName.put(p.get("name").asText(), p));
            return byName;
        }
    }

    @Test
    void everyInitParamOfBothFiltersButWebAppResourcesIsAPropertyWithItsDescription() throws Exception {
        Map<String, JsonNode> properties = shipped();
        for (String resource : SateProperties.WEB_APP_RESOURCES) {
            assertTrue(!properties.containsKey("sate.login." + resource), "not offered: sate.login." + resource);
        }
        for (Setting<?> s : LoginSettings.ALL) {
            if (s.isInitParam() && !SateProperties.WEB_APP_RESOURCES.contains(s.name())) {
                JsonNode p = properties.get("sate.login." + s.name());
                assertTrue(p != null, "sate.login." + s.name() + " is in the metadata");
                assertEquals(ConfigurationMetadata.plain(s.doc()), p.get("description").asText().split(" Default: ")[0]);
            }
        }
        for (Setting<?> s : TokenSettings.ALL) {
            if (s.isInitParam()) {
                assertTrue(properties.containsKey("sate.token." + s.name()), "sate.token." + s.name());
            }
        }
        assertEquals(SateProperties.LOGIN_SETTINGS.size() + SateProperties.TOKEN_SETTINGS.size()
                + SateProperties.STARTER.size(), properties.size(), "nothing else");
    }

    @Test
    void defaultsAreTypedAndSecretsHaveNone() throws Exception {
        Map<String, JsonNode> properties = shipped();
        assertEquals("PT1H", properties.get("sate.login.token-ttl").get("defaultValue").asText());
        assertTrue(properties.get("sate.login.consent").get("defaultValue").asBoolean());
        assertEquals("java.lang.Boolean", properties.get("sate.login.consent").get("type").asText());
        assertEquals(1000, properties.get("sate.login.max-background-deliveries").get("defaultValue").asInt());
        assertEquals("/login", properties.get("sate.login.login-path").get("defaultValue").asText());
        assertTrue(properties.get("sate.login.api-key").get("defaultValue") == null);
        assertTrue(properties.get("sate.login.api-key").get("description").asText().contains("Default: required"));
        assertTrue(properties.get("sate.token.revoke-on-logout").get("defaultValue").asBoolean());
    }
}
