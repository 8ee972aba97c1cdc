package com.eusate.example;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/**
 * A Spring Boot 4 shop with Spring Security's form login and CSRF protection. It has no Sate code:
 * {@code com.eusate:sate-login-spring-boot-starter} on the classpath and the two properties in
 * {@code application.properties} connect it.
 */
@SpringBootApplication
@EnableMethodSecurity
public class ExampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(ExampleApplication.class, args);
    }
}
