package com.eusate.example;

import com.eusate.login.SateLoginFilter;
import com.eusate.login.SateTokenFilter;
import com.eusate.login.signin.SateLoginConfig;
import com.eusate.login.verify.RevocationStore;
import com.eusate.login.verify.SateTokenConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Both Sate filters as {@link FilterRegistrationBean}s, ordered right after Spring Security's
 * filter chain ({@link SecurityProperties#DEFAULT_FILTER_ORDER}), so that they see the signed-in
 * customer through Spring's request wrapper and the consent form passes Spring's CSRF check.
 */
@Configuration
class SateFilters {

    @Bean
    RevocationStore revocations() {
        return RevocationStore.inMemory(); // several nodes: new JdbcRevocationStore(dataSource)
    }

    @Bean
    FilterRegistrationBean<SateLoginFilter> sateLoginFilter(
            @Value("${sate.api-key}") String apiKey,
            @Value("${sate.api-base-url:https://api.eusate.com}") String apiBaseUrl,
            @Value("${sate.signing-secret}") String signingSecret,
            @Value("${sate.allow-insecure-localhost:false}") boolean allowInsecureLocalhost) {
        SateLoginConfig config = SateLoginConfig.builder()
                .apiKey(apiKey)
                .apiBaseUrl(apiBaseUrl)
                .allowInsecureLocalhost(allowInsecureLocalhost)
                .signingSecret(signingSecret)
                .subject("principal")
                .appName("Spring Demo Shop")
                .build();
        FilterRegistrationBean<SateLoginFilter> bean = new FilterRegistrationBean<>(new SateLoginFilter(config));
        bean.addUrlPatterns("/*");
        bean.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return bean;
    }

    @Bean
    FilterRegistrationBean<SateTokenFilter> sateTokenFilter(@Value("${sate.signing-secret}") String signingSecret,
                                                            RevocationStore revocations) {
        SateTokenConfig config = SateTokenConfig.builder()
                .signingSecret(signingSecret)
                .revocationStore(revocations)
                .build();
        FilterRegistrationBean<SateTokenFilter> bean = new FilterRegistrationBean<>(new SateTokenFilter(config));
        bean.addUrlPatterns("/api/*");
        bean.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 2);
        return bean;
    }
}
