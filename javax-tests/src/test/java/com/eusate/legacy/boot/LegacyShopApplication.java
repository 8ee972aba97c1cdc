package com.eusate.legacy.boot;

import com.eusate.login.SateLoginFilter;
import com.eusate.login.SateTokenFilter;
import com.eusate.login.signin.SateLoginConfig;
import com.eusate.login.verify.RevocationStore;
import com.eusate.login.verify.SateTokenConfig;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * A Spring Boot 2.7 shop on javax.servlet: Spring Security 5.8 form login on a page of its own, CSRF
 * on (except for the API Sate calls with a token), and the two filters of the javax artifact as
 * {@link FilterRegistrationBean}s right after Spring Security's filter chain.
 */
@SpringBootApplication
@RestController
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

    @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
    String login(CsrfToken csrf) {
        return "<!DOCTYPE html><html><body><h1>Sign in</h1><form method=\"post\" action=\"/login\">"
                + "<input type=\"hidden\" name=\"" + csrf.getParameterName() + "\" value=\"" + csrf.getToken() + "\">"
                + "<input name=\"username\"><input name=\"password\" type=\"password\"><button>Sign in</button>"
                + "</form></body></html>";
    }

    @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
    String account(Principal principal) {
        return "<!DOCTYPE html><html><body><h1>Signed in as " + HtmlUtils.htmlEscape(principal.getName())
                + "</h1></body></html>";
    }

    /** Behind SateTokenFilter: the remote user is the customer the token was issued for. */
    @GetMapping("/api/orders")
    Map<String, Object> orders(HttpServletRequest request) {
        return Map.of("customer", request.getRemoteUser(), "orders", List.of("A-1001"));
    }
}
