package com.eusate.example;

import com.eusate.login.verify.RevocationStore;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * An ordinary Spring Security setup: form login on a page of the app's own, CSRF protection on
 * (except for the API that Sate calls with a token), and revocation of the customer's Sate tokens
 * on logout. {@code example.session-fixation=new-session} switches to the stricter session fixation
 * protection some apps use.
 */
@Configuration
class SecurityConfig {

    @Bean
    SecurityFilterChain security(HttpSecurity http, RevocationStore revocations,
                                 @Value("${example.session-fixation:change-session-id}") String fixation)
            throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/login", "/error", "/api/**").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").permitAll())
                .csrf(csrf -> csrf.ignoringRequestMatchers("/api/**"))
                .logout(logout -> logout.addLogoutHandler((request, response, authentication) -> {
                    if (authentication != null) {
                        revocations.revokeSubject(authentication.getName(), Instant.now());
                    }
                }));
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
