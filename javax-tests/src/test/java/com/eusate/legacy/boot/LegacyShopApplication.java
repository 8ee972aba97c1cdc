package com.eusate.legacy.boot;

import com.eusate.legacy.ShopPages;
import com.eusate.login.SateLoginFilter;
import com.eusate.login.SateTokenFilter;
import com.eusate.login.signin.SateLoginConfig;
import com.eusate.login.verify.RevocationStore;
import com.eusate.login.verify.SateTokenConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A Spring Boot 2.7 shop on javax.servlet: Spring Security 5.8 form login on a page of its own, CSRF
 * on (except for the API Sate calls with a token), and the two filters of the javax artifact as
 * {@link FilterRegistrationBean}s right after Spring Security's filter chain.
 */
@SpringBootApplication
@Import(ShopPages.class)
public class LegacyShopApplication {

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/login", "/error", "/api/**").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").permitAll())
                .csrf(csrf -> csrf.ignoringRequestMatchers("/api/**"));
        return http.build();
    }

    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(
                User.withUsername("alice").password("{noop}wonderland").roles("CUSTOMER").build());
    }

    @Bean
    RevocationStore revocations() {
        return RevocationStore.inMemory();
    }

    @Bean
    FilterRegistrationBean<SateLoginFilter> sateLoginFilter(@Value("${sate.api-key}") String apiKey,
                                                            @Value("${sate.api-base-url}") String apiBaseUrl,
                                                            @Value("${sate.signing-secret}") String signingSecret) {
        SateLoginConfig config = SateLoginConfig.builder()
                .apiKey(apiKey)
                .apiBaseUrl(apiBaseUrl)
                .allowInsecureLocalhost(true)
                .signingSecret(signingSecret)
                .subject("principal")
                .appName("Legacy Spring Shop")
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
