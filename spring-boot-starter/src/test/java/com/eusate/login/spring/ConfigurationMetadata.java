package com.eusate.login.spring;

import com.eusate.login.internal.Setting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code META-INF/spring-configuration-metadata.json} (IDE completion for {@code sate.*}) from
 * the filters' setting declarations and the starter's own properties: run by the build
 * (exec-maven-plugin, {@code process-test-classes}) into {@code target/classes}, so the jar always
 * describes exactly the settings it reads. Run with the output directory as its argument.
 */
public final class ConfigurationMetadata {

    /** Values an IDE offers for a setting, where they are a closed list. */
    static final Map<String, List<String>> HINTS = Map.of(
            "sate.login.subject", List.of("principal", "session:user"),
            "sate.login.cookie-secure", List.of("auto", "always"),
            "sate.token.token-location", List.of("header", "query", "body"));

    private ConfigurationMetadata() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0], "META-INF", "spring-configuration-metadata.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, json(), StandardCharsets.UTF_8);
    }

    static String json() {
        List<String> properties = new ArrayList<>();
        for (Setting<?> setting : SateProperties.LOGIN_SETTINGS) {
            properties.add(property(SateProperties.LOGIN, setting));
        }
        for (Setting<?> setting : SateProperties.TOKEN_SETTINGS) {
            properties.add(property(SateProperties.TOKEN, setting));
        }
        for (SateProperties.StarterProperty p : SateProperties.STARTER) {
            properties.add(object("name", p.fullName(), "type", p.type().getName(), "description", p.description(),
                    "defaultValue", p.defaultValue()));
        }
        List<String> hints = new ArrayList<>();
        HINTS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> hints.add("{\"name\": "
                + quote(e.getKey()) + ", \"values\": [" + String.join(", ", e.getValue().stream()
                .map(v -> "{\"value\": " + quote(v) + "}").toList()) + "]}"));
        return "{\n  \"groups\": [\n    " + object("name", SateProperties.LOGIN, "type", "com.eusate.login.SateLoginFilter",
                "description", "SateLoginFilter: capture, consent and delivery of the login to Sate.") + ",\n    "
                + object("name", SateProperties.TOKEN, "type", "com.eusate.login.SateTokenFilter", "description",
                "The function side: Sate's token as a Spring Security Authentication.")
                + "\n  ],\n  \"properties\": [\n    " + String.join(",\n    ", properties)
                + "\n  ],\n  \"hints\": [\n    " + String.join(",\n    ", hints) + "\n  ]\n}\n";
    }

    private static String property(String prefix, Setting<?> setting) {
        Object defaultValue = setting.defaultValue();
        String type = defaultValue instanceof Boolean ? "java.lang.Boolean"
                : defaultValue instanceof Integer ? "java.lang.Integer" : "java.lang.String";
        Object shown = null;
        String text = setting.defaultText();
        if (text.startsWith("`") && text.endsWith("`") && text.length() > 1 && !setting.isSecret()) {
            String inner = text.substring(1, text.length() - 1);
            shown = defaultValue instanceof Boolean || defaultValue instanceof Integer ? defaultValue : inner;
        }
        String description = plain(setting.doc());
        if (prefix.equals(SateProperties.TOKEN) && setting.name().equals("when-no-token")) {
            shown = SateProperties.TOKEN_WHEN_NO_TOKEN_DEFAULT; // the starter's own default
        }
        if (shown == null && !text.equals("none")) {
            description += " Default: " + text.replace("`", "") + ".";
        }
        return object("name", prefix + "." + setting.name(), "type", type, "description", description,
                "defaultValue", shown);
    }

    /** A setting's Markdown documentation as plain text: no backticks, links as their words, no table escapes. */
    static String plain(String markdown) {
        String s = markdown.replace("`", "").replace("\\|", "|").replaceAll("\\[([^]]+)]\\([^)]*\\)", "$1");
        s = Character.toUpperCase(s.charAt(0)) + s.substring(1);
        return s.endsWith(".") ? s : s + ".";
    }

    private static String object(Object... keyValues) {
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            Object value = keyValues[i + 1];
            if (value != null) {
                fields.add(quote((String) keyValues[i]) + ": " + (value instanceof String s ? quote(s) : value));
            }
        }
        return "{" + String.join(", ", fields) + "}";
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : c);
            }
        }
        return out.append('"').toString();
    }
}
