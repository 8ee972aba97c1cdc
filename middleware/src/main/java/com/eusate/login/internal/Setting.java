package com.eusate.login.internal;

import jakarta.servlet.ServletContext;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one declaration of a filter setting: its init-param name (the builder method is the same name
 * in camelCase), its default, how an init-param's text becomes a value, the checks a value must pass,
 * its one line of documentation (its row in docs/configuration.md) and whether it is secret. Parsing, builder
 * validation, {@code toString} redaction, the unknown-parameter error and the reference's check all read
 * these declarations. Not API: it may change in any release. This class is immutable and thread-safe.
 *
 * @param <T> the type of the value the config holds
 */
public final class Setting<T> {

    /** Turns an init-param's text into a value; may read the web app (a resource, a JNDI name). */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(String text, ServletContext context);
    }

    private final String name;
    private final T defaultValue;
    private final String defaultText;
    private final String doc;
    private final boolean secret;
    private final Parser<T> parser;
    private final Consumer<T> check;
    private final Function<T, String> shown;

    private Setting(String name, T defaultValue, String defaultText, String doc, boolean secret, Parser<T> parser,
                    Consumer<T> check, Function<T, String> shown) {
        this.name = name;
        this.defaultValue = defaultValue;
        this.defaultText = defaultText;
        this.doc = doc;
        this.secret = secret;
        this.parser = parser;
        this.check = check;
        this.shown = shown;
    }

    /** A setting read from an init-param by {@code parser}; no default and no checks yet. */
    public static <T> Setting<T> of(String name, Parser<T> parser, String doc) {
        return new Setting<>(name, null, "none", doc, false, parser, value -> { }, String::valueOf);
    }

    /** A hook given only in code (an object, not text): no init-param, not in {@code toString}. */
    public static <T> Setting<T> codeOnly(String name, T defaultValue, String doc) {
        return new Setting<>(name, defaultValue, "none", doc, false, null, value -> { }, String::valueOf);
    }

    public static Setting<String> text(String name, String doc) {
        return of(name, (text, context) -> text, doc);
    }

    public static Setting<Boolean> bool(String name, boolean defaultValue, String doc) {
        return of(name, (text, context) -> parseBoolean(name, text), doc).defaultValue(defaultValue);
    }

    /** Text of 1 to {@code max} characters, not blank. */
    public static Setting<String> text(String name, int max, String doc) {
        return text(name, doc).check(v -> {
            if (v.isBlank() || v.length() > max) {
                throw new IllegalArgumentException(name + " must be 1 to " + max + " characters, but was [" + v + "]");
            }
        });
    }

    /** A duration between {@code min} and {@code max}, written ISO-8601 ({@code PT10M}) or in seconds. */
    public static Setting<Duration> duration(String name, Duration defaultValue, Duration min, Duration max,
                                             String doc) {
        return of(name, (text, context) -> parseDuration(name, text), doc).defaultValue(defaultValue)
                .check(d -> {
                    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                        throw new IllegalArgumentException(name + " must be between " + min + " and " + max
                                + ", but was [" + d + "]");
                    }
                });
    }

    public static Setting<Integer> integer(String name, int defaultValue, int min, int max, String doc) {
        return of(name, (text, context) -> parseInt(name, text), doc).defaultValue(defaultValue)
                .check(n -> {
                    if (n < min || n > max) {
                        throw new IllegalArgumentException(name + " must be between " + min + " and " + max
                                + ", but was [" + n + "]");
                    }
                });
    }

    /** The same setting with a default; the reference shows it as {@code `value`}. */
    public Setting<T> defaultValue(T value) {
        return new Setting<>(name, value, "`" + shown.apply(value) + "`", doc, secret, parser, check, shown);
    }

    /** The same setting with the reference's words for its default ("required", "built-in page"). */
    public Setting<T> defaultText(String text) {
        return new Setting<>(name, defaultValue, text, doc, secret, parser, check, shown);
    }

    /** The same setting with one more check of its value (after the earlier ones). */
    public Setting<T> check(Consumer<T> more) {
        Consumer<T> first = check;
        return new Setting<>(name, defaultValue, defaultText, doc, secret, parser, first.andThen(more), shown);
    }

    /** The same setting, never shown: its value appears as {@code (redacted)} everywhere. */
    public Setting<T> secret() {
        return new Setting<>(name, defaultValue, defaultText, doc, true, parser, check, value -> "(redacted)");
    }

    /** The same setting, shown in {@code toString} as {@code shown} renders it. */
    public Setting<T> shownAs(Function<T, String> rendering) {
        return new Setting<>(name, defaultValue, defaultText, doc, secret, parser, check, rendering);
    }

    /** The init-param name, kebab-case. */
    public String name() {
        return name;
    }

    public T defaultValue() {
        return defaultValue;
    }

    /** The reference's default column. */
    public String defaultText() {
        return defaultText;
    }

    /** The reference's meaning column. */
    public String doc() {
        return doc;
    }

    /** False for a hook given only in code. */
    public boolean isInitParam() {
        return parser != null;
    }

    public boolean isSecret() {
        return secret;
    }

    /** Parses an init-param's text (already resolved and stripped) and checks the value. */
    public T parse(String text, ServletContext context) {
        return checked(parser.parse(text, context));
    }

    /** Checks a value given in code or parsed; the message names the init-param and the fix. */
    public T checked(T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        check.accept(value);
        return value;
    }

    /** The value as {@code toString} and logs may show it. */
    public String show(Object value) {
        @SuppressWarnings("unchecked")
        T typed = (T) value;
        return value == null ? "none" : secret ? "(redacted)" : shown.apply(typed);
    }

    @Override
    public String toString() {
        return name;
    }

    static boolean parseBoolean(String name, String text) {
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("init-param [" + name + "] must be true or false, but was [" + text + "]");
    }

    static int parseInt(String name, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("init-param [" + name + "] must be a whole number, but was [" + text + "]");
        }
    }

    /** Accepts an ISO-8601 duration ({@code PT10M}) or a whole number of seconds ({@code 600}). */
    public static Duration parseDuration(String name, String text) {
        try {
            if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
                return Duration.ofSeconds(Long.parseLong(text));
            }
            return Duration.parse(text);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("init-param [" + name + "] must be an ISO-8601 duration such as PT10M"
                    + " or a number of seconds, but was [" + text + "]");
        }
    }
}
