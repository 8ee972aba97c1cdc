package com.eusate.login.internal.signin;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.IllformedLocaleException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The texts of the filter's pages in each language: the bundled {@code pages_xx.properties}, with
 * the app's own resource bundle ({@code messages}) laid over them key by key, and the choice of a
 * language for a request ({@code locale} if set, else the customer's {@code Accept-Language}, else
 * English). Loaded once when the filter starts. Immutable and thread-safe.
 */
final class PageTexts {

    /** The languages whose texts ship in the jar; English first, the fallback for everything. */
    static final List<String> BUNDLED = List.of("en", "de", "fr", "es", "pt", "it", "nl", "pl", "ja", "ar");
    private static final Set<String> RIGHT_TO_LEFT = Set.of("ar", "he", "fa", "ur", "ps", "yi");
    /** Longer Accept-Language headers are ignored rather than parsed. */
    private static final int MAX_ACCEPT_LANGUAGE = 1000;

    /** The texts of one language. */
    record Texts(String lang, Locale locale, Map<String, String> text) {

        boolean rightToLeft() {
            return RIGHT_TO_LEFT.contains(lang);
        }

        String get(String key) {
            String value = text.get(key);
            return value != null ? value : key;
        }

        /** {@code prefix.one}, {@code prefix.few}, ... for {@code n} by this language's plural rules, {n} filled. */
        String count(String prefix, long n) {
            String value = text.get(prefix + "." + pluralCategory(lang, n));
            if (value == null) {
                value = text.getOrDefault(prefix + ".other", prefix);
            }
            return value.replace("{n}", Long.toString(n));
        }
    }

    private final Map<String, Texts> byLanguage;
    private final Texts english;
    private final Texts forced;

    private PageTexts(Map<String, Texts> byLanguage, Texts forced) {
        this.byLanguage = byLanguage;
        this.english = byLanguage.get("en");
        this.forced = forced;
    }

    /**
     * The texts for every bundled language (and {@code locale}'s, if the app's bundle adds it), with
     * the app's bundle {@code messages} (a base name, or null) read through {@code loader}.
     */
    static PageTexts load(String locale, String messages, ClassLoader loader) {
        Map<String, String> englishBuiltIn = builtIn("en");
        Map<String, Texts> byLanguage = new LinkedHashMap<>();
        List<String> languages = new java.util.ArrayList<>(BUNDLED);
        String forcedLanguage = locale == null ? null : language(locale);
        if (forcedLanguage != null && !languages.contains(forcedLanguage)) {
            languages.add(forcedLanguage);
        }
        for (String lang : languages) {
            Map<String, String> text = new HashMap<>(englishBuiltIn);
            if (!lang.equals("en")) {
                text.putAll(builtIn(lang));
            }
            if (messages != null) {
                text.putAll(overrides(messages, lang, loader));
            }
            byLanguage.put(lang, new Texts(lang, Locale.forLanguageTag(lang), Map.copyOf(text)));
        }
        return new PageTexts(Map.copyOf(byLanguage), forcedLanguage == null ? null : byLanguage.get(forcedLanguage));
    }

    /** The texts for this request: the forced language, else the first of Accept-Language we have, else English. */
    Texts of(HttpServletRequest request) {
        if (forced != null) {
            return forced;
        }
        String header = request.getHeader("Accept-Language");
        if (header == null || header.isBlank() || header.length() > MAX_ACCEPT_LANGUAGE) {
            return english;
        }
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) {
                if (range.getWeight() <= 0) {
                    continue;
                }
                Texts texts = byLanguage.get(range.getRange().split("-", 2)[0].toLowerCase(Locale.ROOT));
                if (texts != null) {
                    return texts;
                }
            }
        } catch (IllegalArgumentException malformed) {
            // a broken header gets the default language, as if none was sent
        }
        return english;
    }

    /** Whether the pages depend on Accept-Language (so caches and proxies must vary on it). */
    boolean negotiated() {
        return forced == null;
    }

    /** The language of a {@code locale} setting ({@code pt-BR} is {@code pt}); refuses what is not a language tag. */
    static String language(String tag) {
        try {
            Locale locale = new Locale.Builder().setLanguageTag(tag.strip()).build();
            if (locale.getLanguage().isEmpty()) {
                throw new IllformedLocaleException("no language");
            }
            return locale.getLanguage();
        } catch (IllformedLocaleException e) {
            throw new IllegalArgumentException("locale must be a language tag such as [de] or [pt-BR], but was ["
                    + tag + "]");
        }
    }

    /** The {@code locale} setting names a language we have texts for: bundled, or in the app's bundle. */
    static void checkLocale(String locale, String messages, ClassLoader loader) {
        String lang = language(locale);
        if (!BUNDLED.contains(lang) && (messages == null || overrides(messages, lang, loader).isEmpty())) {
            throw new IllegalArgumentException("locale [" + locale + "] has no texts: the bundled languages are "
                    + BUNDLED + "; for another one, set messages to your bundle and add its " + lang
                    + " file (for example " + fileOf(messages == null ? "sate-pages" : messages, lang) + ")");
        }
    }

    /**
     * The {@code messages} setting: at least one of its files exists, and every key in each is one of
     * the built-in texts' keys (a misspelt key would otherwise be silently ignored).
     */
    static void checkMessages(String baseName, ClassLoader loader) {
        if (baseName.isBlank() || baseName.endsWith(".properties") || baseName.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("messages must be a resource bundle base name such as"
                    + " [com.example.sate-pages], but was [" + baseName + "]");
        }
        Set<String> known = knownKeys();
        boolean found = false;
        for (String lang : BUNDLED) {
            for (String file : filesOf(baseName, lang)) {
                Map<String, String> text = read(loader, file);
                if (text == null) {
                    continue;
                }
                found = true;
                for (String key : text.keySet()) {
                    if (!known.contains(key)) {
                        throw new IllegalArgumentException("messages: " + file + " has the key [" + key + "], which"
                                + " no page uses; the keys are " + known);
                    }
                }
            }
        }
        if (!found) {
            throw new IllegalArgumentException("messages [" + baseName + "] was not found: put "
                    + fileOf(baseName, "en") + " (or " + fileOf(baseName, "de") + ", ...) on the web app's class path,"
                    + " for example in WEB-INF/classes");
        }
    }

    /** Every key the built-in texts of any language define. */
    static Set<String> knownKeys() {
        Set<String> keys = new TreeSet<>();
        for (String lang : BUNDLED) {
            keys.addAll(builtIn(lang).keySet());
        }
        return keys;
    }

    /** The CLDR plural category of a whole number in the bundled languages (others: one/other). */
    static String pluralCategory(String lang, long n) {
        long mod10 = n % 10;
        long mod100 = n % 100;
        return switch (lang) {
            case "ja", "zh", "ko" -> "other";
            case "fr", "pt" -> n <= 1 ? "one" : "other";
            case "pl" -> n == 1 ? "one" : mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14) ? "few" : "many";
            case "ar" -> n == 0 ? "zero" : n == 1 ? "one" : n == 2 ? "two"
                    : mod100 >= 3 && mod100 <= 10 ? "few" : mod100 >= 11 ? "many" : "other";
            default -> n == 1 ? "one" : "other";
        };
    }

    static Map<String, String> builtIn(String lang) {
        Map<String, String> text = read(PageTexts.class.getClassLoader(),
                "com/eusate/login/internal/signin/pages_" + lang + ".properties");
        return text == null ? Map.of() : text;
    }

    /** The app's texts for {@code lang}: its {@code _lang} file, and for English also the base file. */
    private static Map<String, String> overrides(String baseName, String lang, ClassLoader loader) {
        Map<String, String> text = new HashMap<>();
        List<String> files = filesOf(baseName, lang);
        for (int i = files.size() - 1; i >= 0; i--) { // the more specific file wins
            Map<String, String> found = read(loader, files.get(i));
            if (found != null) {
                text.putAll(found);
            }
        }
        return text;
    }

    private static List<String> filesOf(String baseName, String lang) {
        return lang.equals("en") ? List.of(fileOf(baseName, "en"), fileOf(baseName, null)) : List.of(fileOf(baseName, lang));
    }

    private static String fileOf(String baseName, String lang) {
        return baseName.replace('.', '/') + (lang == null ? "" : "_" + lang) + ".properties";
    }

    /** A UTF-8 properties file, or null if there is none. */
    private static Map<String, String> read(ClassLoader loader, String resource) {
        ClassLoader from = loader != null ? loader : PageTexts.class.getClassLoader();
        try (InputStream in = from.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            Properties properties = new Properties();
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            Map<String, String> text = new HashMap<>();
            properties.forEach((k, v) -> text.put(k.toString(), v.toString()));
            return text;
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("messages: " + resource + " could not be read: " + e.getMessage());
        }
    }
}
