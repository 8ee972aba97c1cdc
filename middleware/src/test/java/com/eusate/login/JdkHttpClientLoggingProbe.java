package com.eusate.login;

import com.eusate.login.internal.signin.CallbackClient;
import com.eusate.login.internal.signin.LoginFlow;
import com.eusate.login.signin.IssuedToken;
import com.eusate.login.signin.SateLoginConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Run in a separate JVM by {@link JdkHttpClientLoggingTest}, because the JDK HTTP client reads its
 * logging switches once per JVM: logs everything at every level to stderr, then initialises a login
 * filter's delivery and delivers one token. Arguments: Sate's base URL, API key, token, state.
 */
public final class JdkHttpClientLoggingProbe {

    private JdkHttpClientLoggingProbe() {
    }

    public static void main(String[] args) throws Exception {
        Logger root = Logger.getLogger("");
        root.setLevel(Level.ALL);
        for (java.util.logging.Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        ConsoleHandler all = new ConsoleHandler();
        all.setLevel(Level.ALL);
        all.setFormatter(new java.util.logging.SimpleFormatter() {
            @Override
            public String format(java.util.logging.LogRecord r) {
                return "[" + r.getLoggerName() + "] " + super.format(r);
            }
        });
        root.addHandler(all);

        SateLoginConfig config = SateLoginConfig.builder().apiKey(args[1]).signingSecret("probe-signing-secret-0123456789abcdef")
                .apiBaseUrl(args[0]).allowInsecureLocalhost(true).build();
        try (LoginFlow flow = new LoginFlow(config);
             CallbackClient client = new CallbackClient(config.callbackUri(), args[1], Clock.systemUTC(), 10)) {
            CallbackClient.Result result = client.deliver(new IssuedToken(args[2], Instant.now().plusSeconds(600)), args[3],
                    Duration.ofSeconds(5), Duration.ofSeconds(5), new CallbackClient.Observer() {
                        @Override
                        public void retrying(int attempt, int status, String reason) {
                        }

                        @Override
                        public void finishedInBackground(CallbackClient.Result late) {
                        }
                    });
            System.err.println("PROBE RESULT " + result.type());
        }
    }
}
