package com.eusate.login.spring.shop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/**
 * A shop with Spring Security and no Sate code at all: the starter on the classpath and two
 * properties connect it. {@code shop.login} picks the login setup under test ({@link ShopSecurity}).
 */
@SpringBootApplication
@EnableMethodSecurity
public class ShopApplication {

    public static void main(String[] args) {
        SpringApplication.run(ShopApplication.class, args);
    }
}
