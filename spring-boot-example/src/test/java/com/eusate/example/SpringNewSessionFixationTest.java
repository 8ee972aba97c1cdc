package com.eusate.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.eusate.login.Browser;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/** The same flow in an app that replaces the whole session at login ({@code sessionFixation().newSession()}). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "example.session-fixation=new-session")
class SpringNewSessionFixationTest extends SpringFlowSupport {

    @Test
    void newSessionAtLoginStillConnectsTheCustomer() throws Exception {
        Browser browser = new Browser(base());
        String token = connect(browser, "alice", "wonderland");
        assertEquals(200, callOrders(token).statusCode());
    }
}
