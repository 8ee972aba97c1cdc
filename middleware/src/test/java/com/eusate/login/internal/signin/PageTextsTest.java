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
                String needed = key.startsWith("duration.") || key.startsWith("ago.minute.") || key.startsWith("ago.hour.")
                        ? key.substring(0, key.lastIndexOf('.')) + ".other" : key;
                assertTrue(own.containsKey(needed), () -> "pages_" + lang + ".properties lacks " + needed);
            }
            assertTrue(english.containsAll(own.keySet().stream().filter(k -> !k.matches(".*\\.(two|few|many|zero)"))
                    .toList()), () -> "pages_" + lang + ".properties has a key English does not: " + own.keySet());
        }
    }

    @Test
    void durationsUseEachLanguagesPluralForms() {
        assertEquals("1 hour", PageTimes.duration(in("en"), Duration.ofHours(1)));
        assertEquals("90 minutes", PageTimes.duration(in("en"), Duration.ofMinutes(90)));
        assertEquals("30 days", PageTimes.duration(in("en"), Duration.ofDays(30)));
        assertEquals("1 godzinę", PageTimes.duration(in("pl"), Duration.ofHours(1)));
        assertEquals("3 godziny", PageTimes.duration(in("pl"), Duration.ofHours(3)));
        assertEquals("5 godzin", PageTimes.duration(in("pl"), Duration.ofHours(5)));
        assertEquals("12 godzin", PageTimes.duration(in("pl"), Duration.ofHours(12)));
        assertEquals("22 godziny", PageTimes.duration(in("pl"), Duration.ofHours(22)));
        assertEquals("ساعة واحدة", PageTimes.duration(in("ar"), Duration.ofHours(1)));
        assertEquals("ساعتين", PageTimes.duration(in("ar"), Duration.ofHours(2)));
        assertEquals("3 ساعات", PageTimes.duration(in("ar"), Duration.ofHours(3)));
        assertEquals("11 ساعة", PageTimes.duration(in("ar"), Duration.ofHours(11)));
        assertEquals("2 時間", PageTimes.duration(in("ja"), Duration.ofHours(2)));
        assertEquals("1 heure", PageTimes.duration(in("fr"), Duration.ofHours(1)));
        assertEquals("2 uur", PageTimes.duration(in("nl"), Duration.ofHours(2)));
    }

    /**
     * By the time an outcome page shows, the chat may no longer show the link: a failed or slow
     * connection ends by asking Sate for a new link, in the words the expired page uses, never by
     * sending the customer back to the old one.
     */
    @Test
    void everyLanguageAsksSateForANewSignInLinkWhenTheConnectionFailedOrIsSlow() {
        for (String lang : PageTexts.BUNDLED) {
            PageTexts.Texts t = in(lang);
            String failed = t.get("outcome.failed.message");
            assertTrue(failed.endsWith(t.get("outcome.expired.message")), () -> lang + ": " + failed);
        }
        assertTrue(in("en").get("outcome.deferred.message").endsWith("ask Sate for a new sign-in link."));
        for (String key : new String[] {"outcome.failed.message", "outcome.deferred.message"}) {
            String english = in("en").get(key);
            assertTrue(!english.contains("again") && !english.contains("the sign-in link"), english);
        }
    }

    @Test
    void howLongAgoIsJustNowThenMinutesThenHoursInEachLanguagesPluralForms() {
        assertEquals("just now", PageTimes.ago(in("en"), Duration.ofSeconds(59)));
        assertEquals("just now", PageTimes.ago(in("en"), Duration.ofSeconds(-5)));
        assertEquals("1 minute ago", PageTimes.ago(in("en"), Duration.ofSeconds(60)));
        assertEquals("59 minutes ago", PageTimes.ago(in("en"), Duration.ofMinutes(59)));
        assertEquals("1 hour ago", PageTimes.ago(in("en"), Duration.ofMinutes(119)));
        assertEquals("5 godzin temu", PageTimes.ago(in("pl"), Duration.ofHours(5)));
        assertEquals("منذ 3 ساعات", PageTimes.ago(in("ar"), Duration.ofHours(3)));
        assertEquals("منذ 11 ساعة", PageTimes.ago(in("ar"), Duration.ofHours(11)));
        assertEquals("3 時間前", PageTimes.ago(in("ja"), Duration.ofHours(3)));
    }
}
