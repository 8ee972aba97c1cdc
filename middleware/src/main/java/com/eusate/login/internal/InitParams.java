package com.eusate.login.internal;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a filter's init-params into its declared {@link Settings}: rejects unknown names, resolves
 * {@code ${env:NAME}} and {@code ${sys:name}} references, and parses each value with its
 * declaration. Values of secret parameters never appear in messages. Not API.
 */
public final class InitParams {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|sys):([^}]*)}");
    /** A placeholder that nothing resolved, ours or another's (Spring's {@code ${NAME}}, {@code ${NAME:default}}). */
    private static final Pattern UNRESOLVED = Pattern.compile("\\s*\\$\\{([A-Za-z_][A-Za-z0-9_.-]*)(:[^}]*)?}\\s*");

    private InitParams() {
    }

    /**
     * A filter's settings and what it builds from them: the settings given to its constructor
     * (init-params beside them are an error), or else those its init-params describe. Any mistake
     * stops {@code init()} with a message that names the filter, the parameter and the fix.
     */
    public static <C, T> T start(Filter filter, FilterConfig filterConfig, C given, Function<FilterConfig, C> parse,
                                 Function<C, T> build) throws ServletException {
        try {
            if (given == null) {
                return build.apply(parse.apply(filterConfig));
            }
            if (filterConfig.getInitParameterNames().hasMoreElements()) {
                throw new IllegalArgumentException("this filter was constructed with a "
                        + given.getClass().getSimpleName() + "; remove its init-params or use the no-argument"
                        + " constructor");
            }
            return build.apply(given);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ServletException(filter.getClass().getSimpleName() + " [" + filterConfig.getFilterName()
                    + "] is misconfigured: " + e.getMessage());
        }
    }

    /** Reads every init-param of {@code config} into {@code into}, failing on undeclared names. */
    public static Settings read(FilterConfig config, Settings into) {
        return read(config, into, System::getenv, System::getProperty);
    }

    static Settings read(FilterConfig config, Settings into, UnaryOperator<String> env, UnaryOperator<String> sys) {
        for (String name : Collections.list(config.getInitParameterNames())) {
            Setting<?> setting = declaration(into.declared(), name);
            String raw = config.getInitParameter(name);
            String text = raw == null ? null : resolve(name, raw, env, sys).strip();
            if (text != null && !text.isEmpty()) { // blank counts as absent: the default applies
                set(into, setting, text, config);
            }
        }
        return into;
    }

    private static <T> void set(Settings into, Setting<T> setting, String text, FilterConfig config) {
        into.set(setting, setting.parse(text, config.getServletContext()));
    }

    private static Setting<?> declaration(List<Setting<?>> declared, String name) {
        for (Setting<?> setting : declared) {
            if (setting.isInitParam() && setting.name().equals(name)) {
                return setting;
            }
        }
        TreeSet<String> known = new TreeSet<>();
        declared.stream().filter(Setting::isInitParam).forEach(s -> known.add(s.name()));
        throw new IllegalArgumentException("Unknown init-param [" + name + "]: the known ones are " + known
                + "; check its spelling");
    }

    private static String resolve(String name, String raw, UnaryOperator<String> env, UnaryOperator<String> sys) {
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
                throw new IllegalArgumentException(key + " is not set: init-param [" + name + "] refers to ${" + kind
                        + ":" + key + "}; " + ("env".equals(kind)
                        ? "export the environment variable " + key
                        : "start the JVM with -D" + key + "=...") + " or change the init-param");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        Matcher left = UNRESOLVED.matcher(out);
        if (left.matches()) {
            // Spring leaves a placeholder it cannot resolve as it was: sending it as a key would be worse than stopping
            throw new IllegalArgumentException(left.group(1) + " is not set: [" + name + "] still reads ${" + left.group(1) + "}"
                    + " after every placeholder was resolved; set " + left.group(1) + ", or in web.xml write ${env:"
                    + left.group(1) + "}");
        }
        return out.toString();
    }

    /** Splits a comma-separated init-param into its stripped, non-empty items. */
    public static List<String> list(String text) {
        return java.util.Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
