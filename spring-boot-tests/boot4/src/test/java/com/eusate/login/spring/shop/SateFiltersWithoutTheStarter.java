package com.eusate.login.spring.shop;

import com.eusate.login.SateLoginFilter;
import com.eusate.login.signin.SateLoginConfig;
import java.net.URI;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The login filter registered the way docs/spring-without-starter.md says, for an app that does not
 * use the starter: a {@link FilterRegistrationBean} on {@code /*} right before Spring Security's filter
 * chain, with {@code subject=session:SPRING_SECURITY_CONTEXT}. Not a component: the tests that want
 * it name it.
 */
class SateFiltersWithoutTheStarter {

    @Bean
    FilterRegistrationBean<SateLoginFilter> sateLoginFilter(Environment env) {
        SateLoginConfig config = SateLoginConfig.builder()
                .apiKey(env.getRequiredProperty("sate.api-key"))
                .signingSecret(env.getRequiredProperty("sate.signing-secret"))
                .apiBaseUrl(URI.create(env.getRequiredProperty("sate.api-base-url")))
                .allowInsecureLocalhost(true)
                .subject("session:SPRING_SECURITY_CONTEXT")
                .appName("Spring Shop without the starter")
                .returnUrl(URI.create("/"))
                .build();
        FilterRegistrationBean<SateLoginFilter> bean = new FilterRegistrationBean<>(new SateLoginFilter(config));
        bean.addUrlPatterns("/*");
        bean.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1); // right before Spring Security
        return bean;
    }
}
