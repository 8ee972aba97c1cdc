package com.eusate.login.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The starter guide's table of the starter's own properties (docs/spring-boot.md) is their
 * declarations ({@link SateProperties#STARTER}), row for row, as the filters' tables in
 * docs/configuration.md are theirs (ConfigurationReferenceTest). Run with
 * {@code -Dsate.docs.write=true} to write the table from the declarations.
 */
class StarterPropertiesDocTest {

    private static final Path GUIDE = Path.of("..", "docs", "spring-boot.md");
    private static final String MARKER = "<!-- settings: starter -->";

    @Test
    void theGuidesTableOfTheStartersOwnPropertiesMatchesTheirDeclarations() throws IOException {
        List<String> expected = new ArrayList<>(List.of("| property | default | meaning |", "|---|---|---|"));
        for (SateProperties.StarterProperty p : SateProperties.STARTER) {
            expected.add("| `" + p.fullName() + "` | `" + p.defaultValue() + "` | " + p.description() + " |");
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(GUIDE, StandardCharsets.UTF_8));
        int at = lines.indexOf(MARKER);
        assertTrue(at >= 0, GUIDE + " must contain the line " + MARKER + " followed by the table");
        int end = at + 1;
        while (end < lines.size() && lines.get(end).startsWith("|")) {
            end++;
        }
        if (Boolean.getBoolean("sate.docs.write")) {
            lines.subList(at + 1, end).clear();
            lines.addAll(at + 1, expected);
            Files.write(GUIDE, lines, StandardCharsets.UTF_8);
            return;
        }
        assertEquals(String.join("\n", expected), String.join("\n", lines.subList(at + 1, end)),
                GUIDE + "'s table must be exactly the rows above (run this test with -Dsate.docs.write=true to write them)");
    }
}
