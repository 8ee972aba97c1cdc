package com.eusate.login.spring;

import com.eusate.login.SateLoginFilter;
import com.eusate.login.internal.signin.LoginSettings;
import com.eusate.login.verify.RevocationStore;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Sate's metrics and health, each only when its library is on the classpath: Micrometer meters
 * ({@link SateMetrics}) and an Actuator health contributor named {@code sate} ({@link SateHealth}),
 * through Spring Boot 4's health API or Spring Boot 3.5's, whichever the app runs.
 */
@AutoConfiguration(after = SateLoginAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SateLoginFilter.class)
public class SateObservabilityAutoConfiguration {

    static Supplier<SateLoginFilter> loginFilter(ObjectProvider<FilterRegistrationBean<SateLoginFilter>> registration) {
        return () -> {
            FilterRegistrationBean<SateLoginFilter> bean = registration.getIfAvailable();
            return bean == null ? null : bean.getFilter();
        };
    }

    static SateHealth health(Environment environment, ObjectProvider<FilterRegistrationBean<SateLoginFilter>> registration,
                             ObjectProvider<RevocationStore> revocations) {
        String max = new SateProperties(environment).login().get(LoginSettings.MAX_BACKGROUND_DELIVERIES.name());
        int maxBackground = max == null ? LoginSettings.MAX_BACKGROUND_DELIVERIES.defaultValue()
                : LoginSettings.MAX_BACKGROUND_DELIVERIES.parse(max.strip(), null);
        return new SateHealth(loginFilter(registration), maxBackground, revocations.getIfUnique());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
    static class Metrics {

        @Bean
        SateMetrics sateMetrics(ObjectProvider<FilterRegistrationBean<SateLoginFilter>> registration,
                                ObjectProvider<SateTokenSide> tokenSide) {
            SateMetrics metrics = new SateMetrics(loginFilter(registration));
            tokenSide.ifAvailable(side -> side.outcomes(metrics));
            return metrics;
        }
    }

    /** Spring Boot 4: {@code org.springframework.boot.health.contributor}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class Boot4Health {

        @Bean
        org.springframework.boot.health.contributor.HealthIndicator sateHealthIndicator(Environment environment,
                ObjectProvider<FilterRegistrationBean<SateLoginFilter>> registration,
                ObjectProvider<RevocationStore> revocations) {
            SateHealth health = health(environment, registration, revocations);
            return () -> {
                SateHealth.Report report = health.check();
                return (report.up() ? org.springframework.boot.health.contributor.Health.up()
                        : org.springframework.boot.health.contributor.Health.down())
                        .withDetails(report.details()).build();
            };
        }
    }

    /** Spring Boot 3.5: {@code org.springframework.boot.actuate.health}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    @ConditionalOnMissingClass("org.springframework.boot.health.contributor.HealthIndicator")
    static class Boot3Health {

        @Bean
        org.springframework.boot.actuate.health.HealthIndicator sateHealthIndicator(Environment environment,
                ObjectProvider<FilterRegistrationBean<SateLoginFilter>> registration,
                ObjectProvider<RevocationStore> revocations) {
            SateHealth health = health(environment, registration, revocations);
            return () -> {
                SateHealth.Report report = health.check();
                return (report.up() ? org.springframework.boot.actuate.health.Health.up()
                        : org.springframework.boot.actuate.health.Health.down())
                        .withDetails(report.details()).build();
            };
        }
    }
}
