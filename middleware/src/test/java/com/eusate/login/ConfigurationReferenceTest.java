package com.eusate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eusate.login.internal.Setting;
import com.eusate.login.internal.signin.LoginSettings;
import com.eusate.login.internal.verify.TokenSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The configuration reference's tables (docs/configuration.md) are the settings' declarations, row
 * for row: a setting added, renamed, re-defaulted or re-documented without its row fails here, and
 * the message shows the table as it should read. Run with {@code -Dsate.docs.write=true} to write the
 * tables into the page from the declarations instead of checking them.
 */
class ConfigurationReferenceTest {

    static final Path REFERENCE = Path.of("..", "docs", "configuration.md");
    private static final boolean WRITE = Boolean.getBoolean("sate.docs.write");

    @Test
    void tableOfTheLoginFilterMatchesItsDeclaredSettings() throws IOException {
        assertTableMatches("SateLoginFilter", LoginSettings.ALL);
    }

    @Test
    void tableOfTheTokenFilterMatchesItsDeclaredSettings() throws IOException {
        assertTableMatches("SateTokenFilter", TokenSettings.ALL);
    }

    /** The table as the declarations give it: a header, then one row per init-param, in declaration order. */
    static List<String> generated(List<Setting<?>> declared) {
        List<String> rows = new ArrayList<>(List.of("| init-param | default | meaning |", "|---|---|---|"));
        for (Setting<?> setting : declared) {
            if (setting.isInitParam()) {
                rows.add("| `" + setting.name() + "` | " + setting.defaultText() + " | " + setting.doc() + " |");
            }
        }
        return rows;
    }

    private static void assertTableMatches(String filter, List<Setting<?>> declared) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(REFERENCE, StandardCharsets.UTF_8));
        String marker = "<!-- settings: " + filter + " -->";
        int at = lines.indexOf(marker);
        assertTrue(at >= 0, REFERENCE + " must contain the line " + marker + " followed by the table");
        int end = at + 1;
        while (end < lines.size() && lines.get(end).startsWith("|")) {
            end++;
        }
        List<String> expected = generated(declared);
        if (WRITE) {
            lines.subList(at + 1, end).clear();
            lines.addAll(at + 1, expected);
            Files.write(REFERENCE, lines, StandardCharsets.UTF_8);
            return;
        }
        assertEquals(String.join("\n", expected), String.join("\n", lines.subList(at + 1, end)),
                REFERENCE + "'s table for " + filter + " must be exactly the rows above"
                        + " (run this test with -Dsate.docs.write=true to write them)");
    }
}
