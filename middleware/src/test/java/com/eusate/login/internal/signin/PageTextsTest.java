package com.eusate.login.internal.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The bundled texts: complete in every language, and counted with each language's plural forms. */
class PageTextsTest {

    private PageTexts.Texts in(String lang) {
        return PageTexts.load(lang, null, getClass().getClassLoader()).of(null);
    }

    @Test
    void everyBundledLanguageHasItsOwnTextForEveryEnglishKeyAndAnOtherFormForEveryCount() {
        Set<String> english = PageTexts.builtIn("en").keySet();
        for (String lang : PageTexts.BUNDLED) {
            Map<String, String> own = PageTexts.builtIn(lang);
            for (String key : english) {
                String needed = key.startsWith("duration.") || key.startsWith("ago.minute.")
                        ? key.substring(0, key.lastIndexOf('.')) + ".other" : key;
                assertTrue(own.containsKey(needed), () -> "pages_" + lang + ".properties lacks " + needed);
            }
            assertTrue(english.containsAll(own.keySet().stream().filter(k -> !k.matches(".*\\.(two|few|many|zero)"))
                    .toList()), () -> "pages_" + lang + ".properties has a key English does not: " + own.keySet());
        }
    }

    @Test
    void durationsUseEachLanguagesPluralForms() {
        assertEquals("1 hour", ConsentPage.duration(in("en"), Duration.ofHours(1)));
        assertEquals("90 minutes", ConsentPage.duration(in("en"), Duration.ofMinutes(90)));
        assertEquals("30 days", ConsentPage.duration(in("en"), Duration.ofDays(30)));
        assertEquals("1 godzinę", ConsentPage.duration(in("pl"), Duration.ofHours(1)));
        assertEquals("3 godziny", ConsentPage.duration(in("pl"), Duration.ofHours(3)));
        assertEquals("5 godzin", ConsentPage.duration(in("pl"), Duration.ofHours(5)));
        assertEquals("12 godzin", ConsentPage.duration(in("pl"), Duration.ofHours(12)));
        assertEquals("22 godziny", ConsentPage.duration(in("pl"), Duration.ofHours(22)));
        assertEquals("ساعة واحدة", ConsentPage.duration(in("ar"), Duration.ofHours(1)));
        assertEquals("ساعتين", ConsentPage.duration(in("ar"), Duration.ofHours(2)));
        assertEquals("3 ساعات", ConsentPage.duration(in("ar"), Duration.ofHours(3)));
        assertEquals("11 ساعة", ConsentPage.duration(in("ar"), Duration.ofHours(11)));
        assertEquals("2 時間", ConsentPage.duration(in("ja"), Duration.ofHours(2)));
        assertEquals("1 heure", ConsentPage.duration(in("fr"), Duration.ofHours(1)));
        assertEquals("2 uur", ConsentPage.duration(in("nl"), Duration.ofHours(2)));
    }
}
