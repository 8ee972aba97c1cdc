package com.eusate.login;

import jakarta.servlet.FilterConfig;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a filter's init-params: rejects unknown names, resolves {@code ${env:NAME}} and
 * {@code ${sys:name}} references, and parses typed values with errors that name the parameter.
 * Values of secret parameters never appear in messages.
 */
final class InitParams {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|sys):([^}]*)}");

    private final Map<String, String> values;

    private InitParams(Map<String, String> values) {
        this.values = values;
    }

    /**
     * A filter's settings: those given to its constructor (init-params beside them are an error), or
     * else those its init-params describe.
     */
    static <C> C configOf(FilterConfig filterConfig, C given, java.util.function.Function<FilterConfig, C> parse) {
        if (given == null) {
            return parse.apply(filterConfig);
        }
        if (filterConfig.getInitParameterNames().hasMoreElements()) {
            throw new IllegalArgumentException("this filter was constructed with a " + given.getClass().getSimpleName()
                    + "; remove its init-params or use the no-argument constructor");
        }
        return given;
    }

    /** Reads every init-param of {@code config}, failing on names outside {@code known}. */
    static InitParams from(FilterConfig config, Set<String> known) {
        return from(config::getInitParameter, Collections.list(config.getInitParameterNames()), known,
                System::getenv, System::getProperty);
    }

    static InitParams from(UnaryOperator<String> source, Iterable<String> names, Set<String> known,
                           UnaryOperator<String> env, UnaryOperator<String> sys) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : names) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("Unknown init-param [" + name + "]: the known ones are "
                        + new TreeSet<>(known) + "; check its spelling");
            }
            String resolved = resolve(name, source.apply(name), env, sys);
            values.put(name, resolved == null ? null : resolved.strip());
        }
        return new InitParams(values);
    }

    private static String resolve(String name, String raw, UnaryOperator<String> env, UnaryOperator<String> sys) {
        if (raw == null) {
            return null;
        }
        Matcher m = REFERENCE.matcher(raw);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String kind = m.group(1);
            String key = m.group(2);
            if (key.isBlank()) {
                throw new IllegalArgumentException("init-param [" + name + "] has an empty ${" + kind
                        + ":} reference; write ${" + kind + ":NAME}");
            }
            String value = "env".equals(kind) ? env.apply(key) : sys.apply(key);
            if (value == null) {
                throw new IllegalArgumentException("init-param [" + name + "] refers to ${" + kind + ":" + key
                        + "}, which is not set; " + ("env".equals(kind)
                        ? "export the environment variable " + key
                        : "start the JVM with -D" + key + "=...") + " or change the init-param");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The value, or null when the param is absent. Blank counts as absent. */
    String string(String name) {
        String v = values.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    Integer integer(String name) {
        String v = string(name);
        if (v == null) {
            return null;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("init-param [" + name + "] must be a whole number, but was [" + v + "]");
        }
    }

    boolean has(String name) {
        return string(name) != null;
    }

    Boolean bool(String name) {
        String v = string(name);
        if (v == null) {
            return null;
        }
        if (v.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (v.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("init-param [" + name + "] must be true or false, but was [" + v + "]");
    }

    Duration duration(String name) {
        String v = string(name);
        return v == null ? null : parseDuration(name, v);
    }

    URI uri(String name) {
        String v = string(name);
        if (v == null) {
            return null;
        }
        try {
            return new URI(v);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("init-param [" + name + "] is not a valid URI: [" + v + "]");
        }
    }

    /** Accepts an ISO-8601 duration ({@code PT10M}) or a whole number of seconds ({@code 600}). */
    static Duration parseDuration(String name, String v) {
        try {
            if (v.chars().allMatch(Character::isDigit)) {
                return Duration.ofSeconds(Long.parseLong(v));
            }
            return Duration.parse(v);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("init-param [" + name + "] must be an ISO-8601 duration such as PT10M"
                    + " or a number of seconds, but was [" + v + "]");
        }
    }
}
