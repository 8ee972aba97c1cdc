package com.eusate.login.spring.shop;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The usual Spring Security setups, one per value of {@code shop.login}, each written the way an app
 * writes it, with CSRF protection on and the default logout:
 * <ul>
 *   <li>{@code default-page}: {@code formLogin(withDefaults())}, Spring's generated login page;</li>
 *   <li>{@code own-page}: {@code formLogin(f -> f.loginPage("/login").permitAll())};</li>
 *   <li>{@code matcher}: an own page let through by {@code requestMatchers("/login").permitAll()};</li>
 *   <li>{@code fixed-success}: an own page and {@code defaultSuccessUrl("/", true)};</li>
 *   <li>{@code new-session}: an own page and {@code sessionFixation().newSession()};</li>
 *   <li>{@code oauth2}: {@code oauth2Login(withDefaults())} against an OpenID Connect provider.</li>
 * </ul>
 * The API is open at the URL level: {@code @PreAuthorize} on its methods decides.
 */
@Configuration(proxyBeanMethods = false)
class ShopSecurity {

    @Bean
    SecurityFilterChain shop(HttpSecurity http, @Value("${shop.login:own-page}") String login) throws Exception {
        http.authorizeHttpRequests(auth -> {
            auth.requestMatchers("/api/**", "/error", "/actuator/**").permitAll();
            if (login.equals("matcher")) {
                auth.requestMatchers("/login").permitAll();
            }
            auth.anyRequest().authenticated();
        });
        switch (login) {
            case "default-page" -> http.formLogin(Customizer.withDefaults());
            case "own-page" -> http.formLogin(form -> form.loginPage("/login").permitAll());
            case "matcher" -> http.formLogin(form -> form.loginPage("/login"));
            case "fixed-success" -> http.formLogin(form -> form.loginPage("/login").permitAll()
                    .defaultSuccessUrl("/", true));
            case "new-session" -> http.formLogin(form -> form.loginPage("/login").permitAll())
                    .sessionManagement(session -> session.sessionFixation(fixation -> fixation.newSession()));
            case "oauth2" -> http.oauth2Login(Customizer.withDefaults());
            default -> throw new IllegalArgumentException("unknown shop.login [" + login + "]");
        }
        return http.build();
    }

    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(
                User.withUsername("alice").password("{noop}wonderland").roles("CUSTOMER").build(),
                User.withUsername("bob").password("{noop}builder").roles("CUSTOMER").build());
    }
}
