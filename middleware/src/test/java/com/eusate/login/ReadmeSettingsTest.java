package com.eusate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * The README's configuration tables are the settings' declarations, row for row: a setting added,
 * renamed, re-defaulted or re-documented without its README row fails here, and the message shows
 * the table as it should read.
 */
class ReadmeSettingsTest {

    private static final Path README = Path.of("..", "README.md");

    @Test
    void readmeTableOfTheLoginFilterMatchesItsDeclaredSettings() throws IOException {
        assertTableMatches("SateLoginFilter", LoginSettings.ALL);
    }

    @Test
    void readmeTableOfTheTokenFilterMatchesItsDeclaredSettings() throws IOException {
        assertTableMatches("SateTokenFilter", TokenSettings.ALL);
    }

    private static void assertTableMatches(String filter, List<Setting<?>> declared) throws IOException {
        List<String> expected = new ArrayList<>(List.of("| init-param | default | meaning |", "|---|---|---|"));
        for (Setting<?> setting : declared) {
            if (setting.isInitParam()) {
                expected.add("| `" + setting.name() + "` | " + setting.defaultText() + " | " + setting.doc() + " |");
            }
        }
        assertEquals(String.join("\n", expected), String.join("\n", tableAfter("<!-- settings: " + filter + " -->")),
                "README.md's table for " + filter + " must be exactly the rows above (copy them)");
    }

    /** The table that follows the marker line, up to the first line that is not a table row. */
    private static List<String> tableAfter(String marker) throws IOException {
        List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
        int at = lines.indexOf(marker);
        List<String> table = new ArrayList<>();
        for (int i = at + 1; at >= 0 && i < lines.size() && lines.get(i).startsWith("|"); i++) {
            table.add(lines.get(i));
        }
        return table;
    }
}
