package com.eusate.example;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The shop's own Spring Security setup, nothing in it for Sate: form login on a page of its own,
 * CSRF protection on, the default logout. The API is guarded by {@code @PreAuthorize} on its methods;
 * the starter makes Sate's token an authentication of the customer there. {@code
 * example.session-fixation=new-session} switches to the stricter session fixation protection some apps use.
 */
@Configuration
class SecurityConfig {

    @Bean
    SecurityFilterChain security(HttpSecurity http,
                                 @Value("${example.session-fixation:change-session-id}") String fixation)
            throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/error", "/api/**").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").permitAll());
        if (fixation.equals("new-session")) {
            http.sessionManagement(session -> session.sessionFixation(f -> f.newSession()));
        }
        return http.build();
    }

    @Bean
    UserDetailsService users() {
        // demo customers; a real app has its own user store
        return new InMemoryUserDetailsManager(
                User.withUsername("alice").password("{noop}wonderland").roles("CUSTOMER").build(),
                User.withUsername("bob").password("{noop}builder").roles("CUSTOMER").build());
    }
}
