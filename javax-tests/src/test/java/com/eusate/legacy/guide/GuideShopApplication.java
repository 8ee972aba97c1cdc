package com.eusate.legacy.guide;

import com.eusate.legacy.ShopPages;
import com.eusate.login.SateLoginFilter;
import com.eusate.login.SateTokenFilter;
import com.eusate.login.signin.SateLoginConfig;
import com.eusate.login.verify.RevocationStore;
import com.eusate.login.verify.SateTokenConfig;
import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A Spring Boot 2.7 shop on javax.servlet with the filters registered exactly as
 * docs/spring-without-starter.md says: {@code SateLoginFilter} right before Spring Security's filter
 * chain with {@code subject=session:SPRING_SECURITY_CONTEXT}, {@code SateTokenFilter} on
 * {@code /api/*}. {@code shop.login} picks the Spring Security login setup:
 * {@code default-page} ({@code formLogin(withDefaults())}), {@code own-page}
 * ({@code loginPage("/login").permitAll()}), {@code fixed-success} (an own page and
 * {@code defaultSuccessUrl("/", true)}) or {@code new-session} ({@code sessionFixation().newSession()}).
 */
@SpringBootApplication
@Import(ShopPages.class)
public class GuideShopApplication {

    @Bean
    SecurityFilterChain security(HttpSecurity http, @Value("${shop.login}") String login) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/error", "/api/**").permitAll()
                        .anyRequest().authenticated())
                .csrf(csrf -> csrf.ignoringRequestMatchers("/api/**"));
        switch (login) {
            case "default-page" -> http.formLogin(Customizer.withDefaults());
            case "own-page" -> http.formLogin(form -> form.loginPage("/login").permitAll());
            case "fixed-success" -> http.formLogin(form -> form.loginPage("/login").permitAll()
                    .defaultSuccessUrl("/", true));
            case "new-session" -> http.formLogin(form -> form.loginPage("/login").permitAll())
                    .sessionManagement(session -> session.sessionFixation(fixation -> fixation.newSession()));
            default -> throw new IllegalArgumentException("unknown shop.login [" + login + "]");
        }
        return http.build();
    }

    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(
                User.withUsername("alice").password("{noop}wonderland").roles("CUSTOMER").build());
    }

    /** The guide's registration of the login filter. */
    @Bean
    FilterRegistrationBean<SateLoginFilter> sateLoginFilter(Environment env) {
        SateLoginConfig config = SateLoginConfig.builder()
                .apiKey(env.getRequiredProperty("sate.api-key"))
                .signingSecret(env.getRequiredProperty("sate.signing-secret"))
                .apiBaseUrl(env.getRequiredProperty("sate.api-base-url"))
                .allowInsecureLocalhost(true)
                .subject("session:SPRING_SECURITY_CONTEXT")
                .appName("Guide Shop on Spring Boot 2.7")
                .returnUrl(URI.create("/"))
                .build();
        FilterRegistrationBean<SateLoginFilter> bean = new FilterRegistrationBean<>(new SateLoginFilter(config));
        bean.addUrlPatterns("/*");
        bean.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1); // right before Spring Security
        return bean;
    }

    /** The guide's registration of the token filter. */
    @Bean
    FilterRegistrationBean<SateTokenFilter> sateTokenFilter(Environment env) {
        SateTokenConfig config = SateTokenConfig.builder()
                .signingSecret(env.getRequiredProperty("sate.signing-secret"))
                .revocationStore(RevocationStore.inMemory())
                .build();
        FilterRegistrationBean<SateTokenFilter> bean = new FilterRegistrationBean<>(new SateTokenFilter(config));
        bean.addUrlPatterns("/api/*");
        return bean;
    }
}
