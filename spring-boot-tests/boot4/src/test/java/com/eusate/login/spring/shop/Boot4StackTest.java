package com.eusate.login.spring.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.core.SpringSecurityCoreVersion;
import org.springframework.test.annotation.DirtiesContext;

/** The Boot 4 app runs the stack the docs name (docs/contributing.md, Works with): Boot 4, Spring Security 7, Tomcat 11, Servlet 6.1. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = ShopApplication.class,
        properties = "shop.login=own-page")
@DirtiesContext
class Boot4StackTest extends ShopFlowSupport {

    @Autowired
    ServletContext servletContext;

    @Test
    void theAppRunsSpringBoot4WithSpringSecurity7OnTomcat11AndServlet61() {
        assertTrue(SpringBootVersion.getVersion().startsWith("4."), SpringBootVersion.getVersion());
        assertTrue(SpringSecurityCoreVersion.getVersion().startsWith("7."), SpringSecurityCoreVersion.getVersion());
        assertTrue(servletContext.getServerInfo().startsWith("Apache Tomcat/11."), servletContext.getServerInfo());
        assertEquals("6.1", servletContext.getMajorVersion() + "." + servletContext.getMinorVersion());
    }
}
