package com.eusate.login.spring;

import com.eusate.login.internal.Setting;
import com.eusate.login.internal.signin.LoginSettings;
import com.eusate.login.internal.verify.TokenSettings;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The {@code sate.login.*} and {@code sate.token.*} properties. There is no property class of our
 * own: each filter setting's declaration ({@code LoginSettings.ALL}, {@code TokenSettings.ALL})
 * names a property under its prefix, read through Spring's {@link Binder} (so every property source,
 * relaxed names and placeholders work) and handed to the filter's own init-param parser, so values,
 * defaults and error messages are exactly the filters'. The few settings that exist only in Spring
 * are declared in {@link #STARTER}. The same lists make {@code spring-configuration-metadata.json}.
 */
final class SateProperties {

    static final String LOGIN = "sate.login";
    static final String TOKEN = "sate.token";
    /**
     * The starter's default for {@code sate.token.when-no-token}: a request without Sate's token goes
     * on to Spring Security's own rules (the core filter's default, {@code reject}, suits a path list
     * of Sate's functions alone).
     */
    static final String TOKEN_WHEN_NO_TOKEN_DEFAULT = "pass";

    /** A property only the starter has: name under its prefix, type, default, description. */
    record StarterProperty(String prefix, String name, Class<?> type, Object defaultValue, String description) {
        String fullName() {
            return prefix + "." + name;
        }
    }

    static final StarterProperty LOGIN_ENABLED = new StarterProperty(LOGIN, "enabled", Boolean.class, true,
            "Whether to register SateLoginFilter (capture, consent, delivery).");
    static final StarterProperty TOKEN_ENABLED = new StarterProperty(TOKEN, "enabled", Boolean.class, true,
            "Whether a request carrying Sate's token becomes a Spring Security Authentication of its customer.");
    static final StarterProperty TOKEN_PATHS = new StarterProperty(TOKEN, "paths", String.class, "/**",
            "Comma-separated path patterns (Spring's PathPattern syntax, after the context path) where Sate's token is"
            + " accepted; elsewhere the request is left to the app's own security.");
    static final StarterProperty TOKEN_AUTHORITIES = new StarterProperty(TOKEN, "authorities", String.class, "SATE",
            "Comma-separated authorities of the Authentication a Sate token becomes, e.g. SATE,ROLE_CUSTOMER.");
    static final StarterProperty TOKEN_REVOKE_ON_LOGOUT = new StarterProperty(TOKEN, "revoke-on-logout", Boolean.class,
            true, "Whether Spring Security's logout revokes every Sate token of the customer who signs out.");

    static final List<StarterProperty> STARTER = List.of(LOGIN_ENABLED, TOKEN_ENABLED, TOKEN_PATHS, TOKEN_AUTHORITIES,
            TOKEN_REVOKE_ON_LOGOUT);

    /**
     * Init-params that name a web-app resource: a filter started by the starter has no web app to read
     * them from yet, so they are not properties (an unknown property stops the app, naming the rest).
     */
    static final Set<String> WEB_APP_RESOURCES = Set.of("consent-template", "outcome-template", "logo");

    static final List<Setting<?>> LOGIN_SETTINGS = initParams(LoginSettings.ALL);
    /** The token side's settings, which the login side's values complete where they must agree. */
    static final List<Setting<?>> TOKEN_SETTINGS = initParams(TokenSettings.ALL);

    private final Environment environment;
    private final Binder binder;

    SateProperties(Environment environment) {
        this.environment = environment;
        this.binder = Binder.get(environment);
    }

    /** The init-params of SateLoginFilter that the {@code sate.login.*} properties give. */
    Map<String, String> login() {
        checkNoUnknown(LOGIN, LOGIN_SETTINGS);
        Map<String, String> params = read(LOGIN, LOGIN_SETTINGS);
        String appName = environment.getProperty("spring.application.name");
        if (!params.containsKey("app-name") && appName != null && !appName.isBlank()) {
            params.put("app-name", appName);
        }
        return params;
    }

    /**
     * The init-params of SateTokenFilter that the {@code sate.token.*} properties give; where they give
     * no key, issuer or audience, the login side's, so that the token filter accepts what the login
     * filter issues without repeating them.
     */
    Map<String, String> token() {
        checkNoUnknown(TOKEN, TOKEN_SETTINGS);
        Map<String, String> params = read(TOKEN, TOKEN_SETTINGS);
        // sate.token.paths is /** by default: with reject, every page without a token would be refused
        params.putIfAbsent("when-no-token", TOKEN_WHEN_NO_TOKEN_DEFAULT);
        Map<String, String> login = read(LOGIN, LOGIN_SETTINGS);
        boolean ownKeys = params.containsKey("signing-secret") || params.containsKey("public-keys")
                || params.containsKey("verification-secrets");
        if (!ownKeys && login.containsKey("signing-secret")) {
            params.put("signing-secret", login.get("signing-secret"));
        }
        for (String shared : List.of("issuer", "audience")) {
            if (!params.containsKey(shared) && login.containsKey(shared)) {
                params.put(shared, login.get(shared));
            }
        }
        return params;
    }

    boolean flag(StarterProperty property) {
        return binder.bind(property.fullName(), Boolean.class).orElse((Boolean) property.defaultValue());
    }

    List<String> list(StarterProperty property) {
        String text = binder.bind(property.fullName(), String.class).orElse((String) property.defaultValue());
        return java.util.Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private Map<String, String> read(String prefix, List<Setting<?>> settings) {
        Map<String, String> params = new LinkedHashMap<>();
        for (Setting<?> setting : settings) {
            binder.bind(prefix + "." + setting.name(), String.class).ifBound(value -> params.put(setting.name(), value));
        }
        return params;
    }

    /**
     * A misspelt {@code sate.login.*} property would otherwise be ignored in silence; as an unknown
     * init-param stops the filter, an unknown property stops the app. Environment variables are not
     * checked: their names cannot tell {@code API_KEY} from {@code API.KEY}.
     */
    private void checkNoUnknown(String prefix, List<Setting<?>> settings) {
        if (!(environment instanceof ConfigurableEnvironment)) {
            return;
        }
        Set<String> known = new TreeSet<>();
        settings.forEach(s -> known.add(s.name()));
        STARTER.stream().filter(p -> p.prefix().equals(prefix)).forEach(p -> known.add(p.name()));
        ConfigurationPropertyName root = ConfigurationPropertyName.of(prefix);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource
                    || !(source instanceof IterableConfigurationPropertySource iterable)) {
                continue;
            }
            iterable.stream().filter(root::isAncestorOf).forEach(name -> {
                String element = name.getElement(root.getNumberOfElements(), ConfigurationPropertyName.Form.DASHED);
                if (!known.contains(element)) {
                    throw new SateConfigurationException(prefix, "Unknown property [" + prefix + "." + element
                            + "]: the known ones are " + known + "; check its spelling", null);
                }
            });
        }
    }

    private static List<Setting<?>> initParams(List<Setting<?>> all) {
        return all.stream().filter(Setting::isInitParam).filter(s -> !WEB_APP_RESOURCES.contains(s.name())).toList();
    }

    /** What a filter's {@code init()} would be given: its name and these init-params. */
    static FilterConfig filterConfig(String name, Map<String, String> params) {
        return new FilterConfig() {
            @Override
            public String getFilterName() {
                return name;
            }

            @Override
            public ServletContext getServletContext() {
                return null;
            }

            @Override
            public String getInitParameter(String param) {
                return params.get(param);
            }

            @Override
            public Enumeration<String> getInitParameterNames() {
                return Collections.enumeration(params.keySet());
            }
        };
    }
}
