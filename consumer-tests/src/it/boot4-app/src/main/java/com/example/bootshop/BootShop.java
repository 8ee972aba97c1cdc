package com.example.bootshop;

import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A shop written from the README: no Sate code at all, the starter and two properties connect it. */
@SpringBootApplication
@EnableMethodSecurity
@RestController
public class BootShop {

    public static void main(String[] args) {
        SpringApplication.run(BootShop.class, args);
    }

    @Bean
    SecurityFilterChain shop(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth.requestMatchers("/api/**", "/error").permitAll()
                .anyRequest().authenticated());
        http.formLogin(form -> form.permitAll());
        return http.build();
    }

    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(
                User.withUsername("alice").password("{noop}wonderland").roles("CUSTOMER").build());
    }

    /** A function Sate calls with its token. */
    @GetMapping("/api/orders")
    @PreAuthorize("isAuthenticated()")
    Map<String, Object> orders(Authentication authentication) {
        return Map.of("customer", authentication.getName(), "orders", List.of("A-1001 Tea set for six"));
    }
}
