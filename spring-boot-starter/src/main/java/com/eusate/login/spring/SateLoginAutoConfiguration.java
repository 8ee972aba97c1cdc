package com.eusate.login.spring;

import com.eusate.login.SateLoginFilter;
import com.eusate.login.SateTokenFilter;
import com.eusate.login.internal.signin.LoginSettings;
import com.eusate.login.signin.SateLoginConfig;
import com.eusate.login.signin.SateLoginListener;
import com.eusate.login.signin.SubjectResolver;
import com.eusate.login.signin.TokenIssuer;
import com.eusate.login.verify.RevocationStore;
import com.eusate.login.verify.SateTokenConfig;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Sate in a Spring Boot servlet app from properties alone ({@code sate.login.api-key} and
 * {@code sate.login.signing-secret} are all that is required):
 * <ul>
 *   <li>{@link SateLoginFilter} as a servlet filter on {@code /*}, ordered right before Spring
 *       Security's filter chain ({@code spring.security.filter.order} minus one), so that the state is
 *       captured on the first request that carries it whatever Spring Security does with that URL; it
 *       finds the customer through Spring Security's {@code SecurityContext} once Spring knows them;</li>
 *   <li>the function side inside Spring Security (see {@link SateHttpConfigurer}): a request with
 *       Sate's token is an {@link SateAuthenticationToken} of its customer, exempt from CSRF, and
 *       logout revokes the customer's tokens;</li>
 *   <li>a {@link RevocationStore} bean (in memory unless the app declares its own, e.g. a
 *       {@code JdbcRevocationStore} on its {@code DataSource}).</li>
 * </ul>
 * Beans the app declares are used: {@link SubjectResolver}, {@link TokenIssuer},
 * {@link SateLoginListener}s (all of them), {@link RevocationStore}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SateLoginFilter.class)
public class SateLoginAutoConfiguration {

    /** Spring Boot's default order of Spring Security's filter, when {@code spring.security.filter.order} is unset. */
    static final int SPRING_SECURITY_DEFAULT_ORDER = -100;

    @Bean
    @ConditionalOnMissingBean
    RevocationStore sateRevocationStore() {
        return RevocationStore.inMemory();
    }

    @Bean
    @ConditionalOnProperty(prefix = "sate.login", name = "enabled", matchIfMissing = true)
    FilterRegistrationBean<SateLoginFilter> sateLoginFilter(Environment environment,
            ObjectProvider<SubjectResolver> resolvers, ObjectProvider<TokenIssuer> issuers,
            ObjectProvider<SateLoginListener> listeners, ObjectProvider<SpringSecuritySubjects> springSecurity) {
        Map<String, String> params = new SateProperties(environment).login();
        SateLoginConfig config = build(SateProperties.LOGIN, () -> {
            SateLoginConfig base = SateLoginConfig.fromInitParams(SateProperties.filterConfig("sateLoginFilter", params));
            SateLoginConfig.Builder builder = base.newBuilder();
            SubjectResolver resolver = resolvers.getIfUnique();
            SpringSecuritySubjects spring = springSecurity.getIfAvailable();
            if (resolver != null) {
                builder.subjectResolver(resolver);
            } else if (!params.containsKey("subject") && spring != null) {
                builder.subjectResolver(spring.resolver());
            }
            TokenIssuer issuer = issuers.getIfUnique();
            if (issuer != null) {
                builder.tokenIssuer(issuer);
            }
            List<SateLoginListener> beans = listeners.orderedStream().toList();
            if (!beans.isEmpty()) {
                builder.listener(new CompositeListener(beans, base.get(LoginSettings.LISTENER)));
            }
            return builder.build();
        });
        FilterRegistrationBean<SateLoginFilter> registration = new FilterRegistrationBean<>(new SateLoginFilter(config));
        registration.setName("sateLoginFilter");
        registration.addUrlPatterns("/*");
        registration.setAsyncSupported(true);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(environment.getProperty("spring.security.filter.order", Integer.class,
                SPRING_SECURITY_DEFAULT_ORDER) - 1);
        return registration;
    }

    /** Runs a filter config's build and turns its message into the starter's startup failure. */
    private static <C> C build(String prefix, Supplier<C> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException | IllegalStateException e) {
            if (e instanceof SateConfigurationException configuration) {
                throw configuration;
            }
            throw new SateConfigurationException(prefix, e.getMessage(), null);
        }
    }

    /**
     * With Spring Security: its view of who is signed in for the login side, and the function side
     * that {@link SateHttpConfigurer} adds to each of its filter chains.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.security.config.annotation.web.builders.HttpSecurity")
    static class SpringSecurityConfiguration {

        @Bean
        SpringSecuritySubjects sateSpringSecuritySubjects(ObjectProvider<SecurityContextHolderStrategy> strategies,
                                                          ObjectProvider<SecurityContextRepository> repositories) {
            return new SpringSecuritySubjects(new SpringSecuritySubjectResolver(
                    strategies.getIfUnique(SecurityContextHolder::getContextHolderStrategy), repositories.getIfUnique()));
        }

        @Bean
        @ConditionalOnProperty(prefix = "sate.token", name = "enabled", matchIfMissing = true)
        SateTokenSide sateTokenSide(Environment environment, RevocationStore revocations) throws ServletException {
            SateProperties properties = new SateProperties(environment);
            Map<String, String> params = properties.token();
            SateTokenConfig config = build(SateProperties.TOKEN, () -> SateTokenConfig.fromInitParams(
                    SateProperties.filterConfig("sateTokenFilter", params)).newBuilder()
                    .revocationStore(revocations).build());
            SateTokenFilter filter = new SateTokenFilter(config);
            filter.init(SateProperties.filterConfig("sateTokenFilter", Map.of()));
            List<GrantedAuthority> authorities = properties.list(SateProperties.TOKEN_AUTHORITIES).stream()
                    .<GrantedAuthority>map(SimpleGrantedAuthority::new).toList();
            return new SateTokenSide(filter, config, properties.list(SateProperties.TOKEN_PATHS), authorities,
                    properties.flag(SateProperties.TOKEN_REVOKE_ON_LOGOUT));
        }
    }

    /** Holds the resolver so that the filter's bean method does not name Spring Security's types. */
    record SpringSecuritySubjects(SubjectResolver resolver) {
    }
}
