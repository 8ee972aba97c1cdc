package com.eusate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.eusate.login.internal.Hmac;
import com.eusate.login.internal.QueryString;
import com.eusate.login.internal.Setting;
import com.eusate.login.internal.signin.LoginSettings;
import com.eusate.login.internal.signin.AttemptCookie;
import com.eusate.login.internal.signin.StateParam;
import com.eusate.login.internal.verify.TokenExtractor;
import com.eusate.login.internal.verify.TokenVerifier;
import com.eusate.login.signin.SateLoginConfig;
import com.eusate.login.verify.SateTokenConfig;
import com.eusate.login.verify.TokenLocation;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzz tests (Jazzer) for every parser that sees network input, and for init-param
 * parsing. In {@code mvn verify} they replay their seeds in src/test/resources/.../ParserFuzzTestInputs
 * as regression tests; with {@code JAZZER_FUZZ=1} one of them fuzzes (see docs/contributing.md, Fuzzing). Each states the
 * invariant that must hold for any input, not just "does not crash".
 */
class ParserFuzzTest {

    private static final byte[] FUZZ_SECRET = "fuzz-signing-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final AttemptCookie COOKIES = new AttemptCookie(
            Hmac.derive(FUZZ_SECRET, "sate-login/attempt-cookie/v2"), Hmac.derive(FUZZ_SECRET, "sate-login/subject-tag/v1"),
            Duration.ofMinutes(10), Clock.systemUTC(), false);
    private static final SateTokenConfig TOKENS = SateTokenConfig.builder()
            .signingSecret("fuzz-signing-secret-0123456789abcdef").tokenLocation(TokenLocation.BODY).build();
    private static final TokenVerifier VERIFIER = new TokenVerifier(TOKENS);
    private static final TokenExtractor EXTRACTOR = new TokenExtractor(SateTokenConfig.builder()
            .signingSecret("fuzz-signing-secret-0123456789abcdef").tokenLocation(TokenLocation.BODY)
            .tokenPrefix("Bearer ").build());

    @FuzzTest(maxDuration = "30s")
    void stateInAQueryString(FuzzedDataProvider data) {
        StateParam.Result result = StateParam.fromQuery(data.consumeRemainingAsString());
        if (result.status() == StateParam.Status.VALID) {
            String state = result.value();
            assertTrue(state.length() >= 1 && state.length() <= StateParam.MAX_LENGTH, state);
            assertTrue(state.chars().allMatch(c -> c > 0x20 && c < 0x7f && "\"'<>\\;,".indexOf(c) < 0), state);
        } else {
            assertNull(result.value());
        }
    }

    @FuzzTest(maxDuration = "30s")
    void stateCookie(FuzzedDataProvider data) {
        String value = data.consumeRemainingAsString();
        // without the secret nothing can be made acceptable, and a refusal is the only other outcome
        assertThrows(AttemptCookie.Refused.class, () -> COOKIES.parse(value),
                "a cookie was accepted without the secret: " + value);
    }

    @FuzzTest(maxDuration = "30s")
    void tokenInAHeaderOrJsonBody(FuzzedDataProvider data) {
        boolean json = data.consumeBoolean();
        String input = data.consumeRemainingAsString();
        String token = json ? EXTRACTOR.fromJson(input.getBytes(StandardCharsets.UTF_8)) : EXTRACTOR.stripPrefix(input);
        if (token != null) {
            assertTrue(!token.isEmpty() && token.equals(token.strip()), "a token is never blank or padded: [" + token + "]");
        }
        QueryString.Single single = QueryString.single(input, "token");
        assertEquals(single.count() == QueryString.Count.ONE, single.value() != null);
    }

    @FuzzTest(maxDuration = "30s")
    void tokenVerification(FuzzedDataProvider data) {
        String token = data.consumeRemainingAsString();
        try {
            VERIFIER.verify(token);
            throw new AssertionError("a token nobody signed was accepted: " + token);
        } catch (TokenVerifier.Rejected expected) {
            // the only way to say no
        }
    }

    @FuzzTest(maxDuration = "30s")
    void initParams(FuzzedDataProvider data) {
        Map<String, String> params = new LinkedHashMap<>();
        List<String> known = new ArrayList<>(LoginSettings.ALL.stream().filter(Setting::isInitParam)
                .map(Setting::name).toList());
        known.remove(LoginSettings.CONSENT_TEMPLATE.name()); // reads a web-app resource
        known.remove(LoginSettings.SIGNING_KEY_FILE.name()); // reads a file
        known.remove(LoginSettings.LISTENER.name()); // loads a class
        int n = data.consumeInt(0, 8);
        for (int i = 0; i < n; i++) {
            params.put(data.pickValue(known), data.consumeString(200));
        }
        InitParamsFixture config = new InitParamsFixture();
        params.forEach(config::with);
        try {
            SateLoginConfig.fromInitParams(config);
        } catch (IllegalArgumentException badConfig) {
            // a clear startup error is the contract; the message must not echo a secret
            String message = String.valueOf(badConfig.getMessage());
            for (String secretParam : List.of("api-key", "signing-secret")) {
                String secret = params.get(secretParam);
                if (secret != null && secret.strip().length() >= 8) {
                    assertTrue(!message.contains(secret.strip()), "the message repeats a secret: " + message);
                }
            }
        }
    }
}
