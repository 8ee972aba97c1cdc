package com.eusate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eusate.login.internal.Hmac;
import com.eusate.login.internal.verify.TokenVerifier;
import com.eusate.login.verify.SateTokenConfig;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * SateTokenFilter, in a real Jetty, against two independent judges on thousands of correctly signed
 * but unusual tokens: nimbus-jose-jwt's {@code DefaultJWTProcessor} with its strict claims verifier,
 * and the rules as README's "What is checked" writes them, implemented here a second time in other
 * ways (UTF-8 checked by a round trip, JSON read into a tree, times in exact decimals). The tokens
 * come from a seeded, reproducible mutation of a valid token's header and claims: members dropped,
 * set to null, retyped, repeated under escaped names; extension headers; time edges to the
 * nanosecond and fractions; other encodings, byte-order marks, overlong and broken UTF-8, unpaired
 * surrogates; bytes flipped. Every token is signed with the right key, so only the rules decide.
 *
 * <p>The test fails on any token that we accept and either judge refuses, unless the difference is
 * one of the {@link #INTENDED} ones, each with its reason. Tokens that we refuse and a judge accepts
 * are allowed (we are stricter by design) and printed by kind.
 */
class VerifierDifferentialTest {

    static final long SEED = 20_261_206L;
    static final int TOKENS = 3_600;
    static final String SECRET = "differential-test-secret-0123456789abcdef";
    static final String KID = Hmac.keyIdOf(SECRET.getBytes(StandardCharsets.UTF_8));
    static final String ISSUER = "sate-login-middleware";
    static final String AUDIENCE = "sate";
    static final BigDecimal NOW = BigDecimal.valueOf(1_800_000_000L);
    static final BigDecimal LEEWAY = BigDecimal.valueOf(30);
    static final BigDecimal MAX_TTL = BigDecimal.valueOf(3600);

    /** A token we made, and what we did to it. */
    record Case(String token, byte[] header, byte[] payload, List<String> mutations) {
    }

    /** A difference we accept on purpose: we say yes where nimbus says no, for the reason given. */
    record Intended(String name, String reason, java.util.function.BiPredicate<JsonNode, JsonNode> applies) {
    }

    static final List<Intended> INTENDED = List.of(
            new Intended("nbf as nimbus reads it",
                    "RFC 7519 4.1.5: a token is valid on or after nbf, and a NumericDate may have a fraction: we"
                            + " accept while nbf - leeway <= now, with nbf exactly as written; nimbus reads nbf as a"
                            + " double (1800000029.999999999 becomes 1800000030), drops the fraction, and requires"
                            + " nbf - skew < now",
                    (header, claims) -> claims.path("nbf").isNumber()
                            && asNimbusReadsIt(claims.get("nbf")).subtract(LEEWAY).compareTo(NOW) >= 0),
            new Intended("exp as nimbus reads it",
                    "RFC 7519 2: a NumericDate may have a fraction, which we keep; nimbus reads exp as a double and"
                            + " drops the fraction, so it refuses within the last second before exp + leeway",
                    (header, claims) -> claims.path("exp").isNumber()
                            && asNimbusReadsIt(claims.get("exp")).add(LEEWAY).compareTo(NOW) <= 0));

    @Test
    void noTokenThatTheFilterAcceptsIsRefusedByNimbusOrByTheWrittenRules() throws Exception {
        List<Case> cases = new Mutator(new Random(SEED)).cases(TOKENS);
        SateTokenFilter filter = new SateTokenFilter(SateTokenConfig.builder().signingSecret(SECRET)
                .clock(Clock.fixed(Instant.ofEpochSecond(NOW.longValueExact()), ZoneOffset.UTC))
                .leeway(Duration.ofSeconds(LEEWAY.longValue())).maxTokenTtl(Duration.ofSeconds(MAX_TTL.longValue()))
                .build());
        DefaultJWTProcessor<SecurityContext> nimbus = nimbus();
        Map<String, Integer> intendedHits = new TreeMap<>();
        Map<String, Integer> stricterThanNimbus = new TreeMap<>();
        Map<String, Integer> stricterThanRules = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int accepted = 0;
        HttpClient http = HttpClient.newHttpClient();
        try (FunctionApp app = new FunctionApp(filter)) {
            for (Case c : cases) {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(app.baseUrl().resolve("/api/whoami"))
                        .header("Authorization", "Bearer " + c.token()).build(), HttpResponse.BodyHandlers.discarding());
                boolean ours = answer.statusCode() == 200;
                // Jetty answers 431 for a header over 8 KiB, as we would refuse a token over 8 KiB
                assertTrue(ours || answer.statusCode() == 401 || (answer.statusCode() == 431 && c.token().length() > 7_000),
                        "only 200 or 401: " + answer.statusCode());
                String theirs = nimbusRefusal(nimbus, c.token());
                String rules = Rules.refusal(c);
                if (ours) {
                    accepted++;
                    if (rules != null) {
                        failures.add("accepted, but the written rules refuse (" + rules + "): " + c.mutations());
                    } else if (theirs != null) {
                        Intended why = intended(c);
                        if (why == null) {
                            failures.add("accepted, but nimbus refuses (" + theirs + "): " + c.mutations());
                        } else {
                            intendedHits.merge(why.name(), 1, Integer::sum);
                        }
                    }
                } else {
                    if (theirs == null) {
                        stricterThanNimbus.merge(String.join("+", c.mutations()), 1, Integer::sum);
                    }
                    if (rules == null) {
                        stricterThanRules.merge(String.join("+", c.mutations()), 1, Integer::sum);
                    }
                }
            }
        }
        System.out.printf("VerifierDifferentialTest: %d tokens (seed %d), %d accepted, %d refused;"
                        + " intended differences %s; refused here and accepted by nimbus: %d tokens%n",
                cases.size(), SEED, accepted, cases.size() - accepted, intendedHits,
                stricterThanNimbus.values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())), failures.size() + " failures");
        assertEquals(Map.of(), stricterThanRules, "refused although the written rules accept: the README and the"
                + " filter disagree");
        assertTrue(cases.size() >= 3_000, "at least 3,000 tokens: " + cases.size());
        assertTrue(accepted >= 600 && cases.size() - accepted >= 1_500,
                "the corpus holds both kinds in numbers: " + accepted + " accepted");
    }

    private static Intended intended(Case c) {
        JsonNode header = Rules.tree(c.header());
        JsonNode claims = Rules.tree(c.payload());
        return header == null || claims == null ? null
                : INTENDED.stream().filter(i -> i.applies().test(header, claims)).findFirst().orElse(null);
    }

    /** A NumericDate as nimbus reads it: a double, then whole seconds. */
    static BigDecimal asNimbusReadsIt(JsonNode date) {
        return BigDecimal.valueOf((long) date.doubleValue());
    }

    private static DefaultJWTProcessor<SecurityContext> nimbus() {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        // the key under its kid, as our filter holds it: a token naming another kid finds no key
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableJWKSet<>(
                new JWKSet(new OctetSequenceKey.Builder(SECRET.getBytes(StandardCharsets.UTF_8)).keyID(KID).build()))));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(AUDIENCE,
                new JWTClaimsSet.Builder().issuer(ISSUER).build(), Set.of("exp", "iat", "iss", "aud", "sub")) {
            @Override
            protected Date currentTime() {
                return new Date(NOW.longValueExact() * 1000);
            }
        };
        claims.setMaxClockSkew(LEEWAY.intValue());
        processor.setJWTClaimsSetVerifier(claims);
        return processor;
    }

    private static String nimbusRefusal(DefaultJWTProcessor<SecurityContext> nimbus, String token) {
        try {
            nimbus.process(token, null);
            return null;
        } catch (Exception | StackOverflowError e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /** The rules of README's "What is checked", each written once more, in the README's words. */
    static final class Rules {

        private static final JsonMapper JSON = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
        private static final BigDecimal LATEST = BigDecimal.valueOf(253_402_300_799L);

        /** Why the rules refuse the token, or null. */
        static String refusal(Case c) {
            if (c.token().length() > TokenVerifier.MAX_TOKEN_LENGTH) {
                return "longer than 8 KiB";
            }
            JsonNode header = tree(c.header());
            JsonNode claims = tree(c.payload());
            if (header == null || claims == null) {
                return "not one JSON object in strict UTF-8";
            }
            if (!header.path("alg").isTextual() || !header.get("alg").asText().equals("HS256")) {
                return "alg is not the key's algorithm";
            }
            if (header.has("kid") && !(header.get("kid").isTextual() && header.get("kid").asText().equals(KID))) {
                return "kid names no configured key";
            }
            if (header.has("typ") && !(header.get("typ").isTextual() && header.get("typ").asText().equalsIgnoreCase("JWT"))) {
                return "typ is not JWT";
            }
            if (Stream.of("crit", "b64", "cty", "jku", "jwk", "x5u", "x5c").anyMatch(header::has)) {
                return "crit, b64, cty, jku, jwk, x5u or x5c";
            }
            for (String name : List.of("iss", "sub", "jti")) {
                if (claims.has(name) && !claims.get(name).isTextual()) {
                    return name + " is not a string";
                }
            }
            for (String name : List.of("exp", "iat", "nbf")) {
                if (claims.has(name) && !numericDate(claims.get(name))) {
                    return name + " is not a NumericDate from 1970 to 9999 with at most nine decimals";
                }
            }
            JsonNode aud = claims.get("aud");
            if (aud != null && !(aud.isTextual() || (aud.isArray() && allText(aud)))) {
                return "aud is not a string or an array of strings";
            }
            if (!claims.has("exp") || !claims.has("iat") || !claims.has("sub") || claims.get("sub").asText().isBlank()) {
                return "exp, iat or a non-blank sub missing";
            }
            BigDecimal exp = claims.get("exp").decimalValue();
            BigDecimal iat = claims.get("iat").decimalValue();
            if (NOW.compareTo(exp.add(LEEWAY)) >= 0) {
                return "now >= exp + leeway";
            }
            if (iat.compareTo(NOW.add(LEEWAY)) > 0) {
                return "iat > now + leeway";
            }
            if (claims.has("nbf") && claims.get("nbf").decimalValue().subtract(LEEWAY).compareTo(NOW) > 0) {
                return "nbf - leeway > now";
            }
            if (!claims.path("iss").asText().equals(ISSUER)) {
                return "iss is not ours";
            }
            if (aud == null || !(aud.isTextual() ? aud.asText().equals(AUDIENCE) : contains(aud, AUDIENCE))) {
                return "aud does not name us";
            }
            if (exp.subtract(iat).compareTo(MAX_TTL) > 0) {
                return "exp - iat > max-token-ttl";
            }
            return null;
        }

        /** A JSON object read from strict UTF-8, with no unpaired surrogate anywhere, or null. */
        static JsonNode tree(byte[] part) {
            String text = new String(part, StandardCharsets.UTF_8);
            if (!Arrays.equals(text.getBytes(StandardCharsets.UTF_8), part) || text.startsWith("\uFEFF")) {
                return null; // malformed or overlong sequences do not survive the round trip
            }
            try {
                JsonNode node = JSON.readTree(text);
                return node != null && node.isObject() && wellFormedText(node) ? node : null;
            } catch (Exception e) {
                return null;
            }
        }

        /** Strings with no unpaired surrogate, and numbers a double can hold (RFC 7493 2.2), everywhere. */
        private static boolean wellFormedText(JsonNode node) {
            if (node.isNumber()) {
                return Double.isFinite(node.doubleValue());
            }
            if (node.isTextual()) {
                return node.asText().codePoints().noneMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                if (member.getKey().codePoints().anyMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF)
                        || !wellFormedText(member.getValue())) {
                    return false;
                }
            }
            if (node.isArray()) {
                for (JsonNode element : node) {
                    if (!wellFormedText(element)) {
                        return false;
                    }
                }
            }
            return true;
        }

        private static boolean numericDate(JsonNode node) {
            if (!node.isNumber()) {
                return false;
            }
            BigDecimal d = node.decimalValue();
            return d.signum() >= 0 && d.compareTo(LATEST) <= 0 && d.stripTrailingZeros().scale() <= 9;
        }

        private static boolean allText(JsonNode array) {
            for (JsonNode element : array) {
                if (!element.isTextual()) {
                    return false;
                }
            }
            return true;
        }

        private static boolean contains(JsonNode array, String value) {
            for (JsonNode element : array) {
                if (element.asText().equals(value)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Makes the corpus: each case a valid token with one to three mutations, all from one seed. */
    static final class Mutator {

        private final Random random;

        Mutator(Random random) {
            this.random = random;
        }

        List<Case> cases(int count) {
            List<Case> cases = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                cases.add(one());
            }
            return cases;
        }

        private Case one() {
            Map<String, String> header = new LinkedHashMap<>();
            header.put("alg", "\"HS256\"");
            header.put("typ", "\"JWT\"");
            header.put("kid", quote(KID));
            Map<String, String> claims = new LinkedHashMap<>();
            long iat = NOW.longValue() - random.nextInt(600);
            claims.put("iss", quote(ISSUER));
            claims.put("aud", quote(AUDIENCE));
            claims.put("sub", "\"alice\"");
            claims.put("iat", Long.toString(iat));
            claims.put("exp", Long.toString(iat + 600 + random.nextInt(2400)));
            claims.put("jti", quote("j-" + random.nextInt(1_000_000)));
            List<String> done = new ArrayList<>();
            List<String> extraHeader = new ArrayList<>();
            List<String> extraClaims = new ArrayList<>();
            int mutations = 1 + random.nextInt(3);
            String encoding = null;
            for (int i = 0; i < mutations; i++) {
                int kind = random.nextInt(12);
                switch (kind) {
                    case 0 -> done.add(drop(random.nextBoolean() ? header : claims));
                    case 1 -> done.add(retype(random.nextInt(4) == 0 ? header : claims));
                    case 2 -> done.add(random.nextInt(4) == 0 ? repeat(header, extraHeader) : repeat(claims, extraClaims));
                    case 3 -> done.add(escapeName(random.nextBoolean() ? header : claims));
                    case 4 -> done.add(headerMember(header));
                    case 5, 6 -> done.add(timeEdge(claims));
                    case 7 -> done.add(subject(claims));
                    case 8 -> done.add(audience(claims));
                    case 9 -> done.add(extraClaim(extraClaims));
                    case 10 -> {
                        encoding = encodings()[random.nextInt(encodings().length)];
                        done.add("encoding " + encoding);
                    }
                    default -> done.add("unchanged");
                }
            }
            byte[] h = bytes(json(header, extraHeader), random.nextInt(8) == 0 ? encoding : null);
            byte[] p = bytes(json(claims, extraClaims), encoding);
            if (random.nextInt(12) == 0) {
                done.add("byte changed");
                p = changeAByte(p);
            }
            String signingInput = b64(h) + "." + b64(p);
            return new Case(signingInput + "." + b64(hs256(signingInput)), h, p, done);
        }

        private String pick(String... options) {
            return options[random.nextInt(options.length)];
        }

        private String drop(Map<String, String> members) {
            String name = pickName(members);
            members.remove(name);
            return "drop " + name;
        }

        private String retype(Map<String, String> members) {
            String name = pickName(members);
            String value = pick("null", "1", "1.5", "true", "\"x\"", "\"\"", "[]", "{}", "[\"sate\"]", "[1]",
                    "\"HS256\"", quote(KID), "\"1800000000\"", "-1");
            members.put(name, value);
            return name + " = " + value;
        }

        private String repeat(Map<String, String> members, List<String> extras) {
            String name = pickName(members);
            String value = members.get(name);
            String spelled = spell(name);
            extras.add(quote(spelled) + ":" + (random.nextBoolean() ? value : pick("\"admin\"", "0", "null")));
            return "repeat " + name + " as " + spelled;
        }

        private String escapeName(Map<String, String> members) {
            String name = pickName(members);
            String spelled = spell(name);
            Map<String, String> copy = new LinkedHashMap<>();
            members.forEach((k, v) -> copy.put(k.equals(name) ? "\u0000" + spelled : k, v));
            members.clear();
            members.putAll(copy);
            return "spell " + name + " as " + spelled;
        }

        /** The name with some letters as JSON escapes, in either case of hex digit. */
        private String spell(String name) {
            StringBuilder out = new StringBuilder();
            for (char c : name.toCharArray()) {
                out.append(random.nextInt(3) == 0 ? String.format(random.nextBoolean() ? "\\u%04x" : "\\u%04X", (int) c) : c);
            }
            return out.toString();
        }

        private String headerMember(Map<String, String> header) {
            String[][] options = {
                    {"crit", "[\"exp\"]"}, {"crit", "[]"}, {"b64", "false"}, {"b64", "true"}, {"cty", "\"JWT\""},
                    {"cty", "\"json\""}, {"typ", "\"jwt\""}, {"typ", "\"JOSE\""}, {"typ", "\"at+jwt\""}, {"typ", "null"},
                    {"zip", "\"DEF\""}, {"jku", "\"https://evil.example/keys\""}, {"x5u", "\"https://evil.example/c\""},
                    {"jwk", "{\"kty\":\"oct\",\"k\":\"AAAA\"}"}, {"alg", "\"hs256\""}, {"alg", "\"none\""},
                    {"alg", "\"RS256\""}, {"alg", "\"HS256 \""}, {"alg", "null"}, {"kid", "\"other\""}, {"kid", "\"\""},
                    {"kid", "null"}, {"kid", "1"}, {"x-custom", "{\"a\":[1,2,{\"b\":null}]}"}};
            String[] option = options[random.nextInt(options.length)];
            header.put(option[0], option[1]);
            return "header " + option[0] + " = " + option[1];
        }

        private String timeEdge(Map<String, String> claims) {
            String name = pick("exp", "exp", "iat", "nbf", "lifetime");
            BigDecimal delta = new BigDecimal(pick("0", "1", "-1", "0.5", "-0.5", "0.000000001", "-0.000000001",
                    "0.0000000001", "-0.0000000001", "2", "-30", "29.999999999", "100000"));
            BigDecimal value = switch (name) {
                case "exp" -> NOW.subtract(LEEWAY).add(delta);
                case "iat", "nbf" -> NOW.add(LEEWAY).add(delta);
                default -> {
                    BigDecimal exp = NOW.add(BigDecimal.valueOf(600));
                    claims.put("exp", exp.toPlainString());
                    yield exp.subtract(MAX_TTL).add(delta);
                }
            };
            String key = name.equals("lifetime") ? "iat" : name;
            if (name.equals("exp") && claims.containsKey("iat")) {
                claims.put("iat", NOW.subtract(BigDecimal.valueOf(600)).toPlainString());
            }
            if (name.equals("iat") || name.equals("nbf")) {
                claims.put("exp", NOW.add(BigDecimal.valueOf(1200)).toPlainString());
            }
            String written = switch (random.nextInt(6)) {
                case 0 -> value.toString(); // perhaps with an exponent
                case 1 -> value.setScale(Math.max(value.scale(), 0) + 3).toPlainString(); // trailing zeros
                case 2 -> pick("-0", "0", "1e400", "-1800000000", "1" + "0".repeat(1_001), "1.8e9", "1.8E+9",
                        "253402300800", "253402300799", "1800000000." + "0".repeat(20) + "1");
                default -> value.toPlainString();
            };
            claims.put(key, written);
            return name + " at " + written;
        }

        private String subject(Map<String, String> claims) {
            String value = pick("\"\"", "\" \"", "\"\\t\"", "\"a\\u0000b\"", "\"\\ud800\"", "\"x\\udc00y\"",
                    "\"\\ud83d\\ude00\"", "\"caf\u00e9\"", "\"caf\\u00e9\"", "\"" + "a".repeat(3000) + "\"",
                    "\"\\uD800\\uD800\"", "\"\\u00e9\\uDBFF\"", "\"b\u0000\"");
            claims.put("sub", value);
            return "sub = " + (value.length() > 20 ? value.substring(0, 20) + "..." : value);
        }

        private String audience(Map<String, String> claims) {
            String value = pick("\"sate\"", "[\"sate\"]", "[\"other\",\"sate\"]", "[]", "[\"other\"]", "\"SATE\"",
                    "[\"sate\",1]", "[null]", "[\"sate\",null]", "\"sate \"", "{\"sate\":1}");
            claims.put("aud", value);
            return "aud = " + value;
        }

        private String extraClaim(List<String> extras) {
            String value = pick("{\"sub\":1,\"x\":{\"sub\":2}}", "[[[[[[[[1]]]]]]]]", "\"\\ud800\"", "{\"\\udfff\":1}",
                    "\"\u00e9\u4e2d\"", "1e999", "123456789012345678901234567890", "{\"a\":1,\"a\":2}",
                    "\"\\u0000\"", "[" + "1,".repeat(200) + "1]");
            extras.add("\"custom" + random.nextInt(3) + "\":" + value);
            return "claim " + value.substring(0, Math.min(20, value.length()));
        }

        private static String[] encodings() {
            return new String[] {"UTF-16LE", "UTF-16BE", "UTF-32", "BOM", "overlong-2", "overlong-3", "cesu",
                    "0xFF", "truncated", "trailing-object", "trailing-garbage", "whitespace", "array", "comment",
                    "single-quotes", "trailing-comma"};
        }

        private String pickName(Map<String, String> members) {
            List<String> names = new ArrayList<>(members.keySet());
            return names.get(random.nextInt(names.size()));
        }

        private static String json(Map<String, String> members, List<String> extras) {
            List<String> all = new ArrayList<>();
            members.forEach((name, value) -> all.add((name.startsWith("\u0000")
                    ? quote(name.substring(1)) : quote(name)) + ":" + value));
            all.addAll(extras);
            return "{" + String.join(",", all) + "}";
        }

        private byte[] bytes(String json, String encoding) {
            if (encoding == null) {
                return json.getBytes(StandardCharsets.UTF_8);
            }
            byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
            int at = json.indexOf("\"", 2) + 1; // inside the first member's name
            return switch (encoding) {
                case "UTF-16LE", "UTF-16BE", "UTF-32" -> json.getBytes(Charset.forName(encoding));
                case "BOM" -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8);
                case "overlong-2" -> replace(utf8, at, new byte[] {(byte) (0xC0 | (utf8[at] >> 6)), (byte) (0x80 | (utf8[at] & 0x3F))});
                case "overlong-3" -> replace(utf8, at, new byte[] {(byte) 0xE0, (byte) (0x80 | (utf8[at] >> 6)), (byte) (0x80 | (utf8[at] & 0x3F))});
                case "cesu" -> replace(utf8, at, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
                case "0xFF" -> replace(utf8, at, new byte[] {(byte) 0xFF});
                case "truncated" -> replace(utf8, at, new byte[] {(byte) 0xC3});
                case "trailing-object" -> (json + "{}").getBytes(StandardCharsets.UTF_8);
                case "trailing-garbage" -> (json + "x").getBytes(StandardCharsets.UTF_8);
                case "whitespace" -> (" \n\t" + json + " \r\n").getBytes(StandardCharsets.UTF_8);
                case "array" -> ("[" + json + "]").getBytes(StandardCharsets.UTF_8);
                case "comment" -> json.replaceFirst("\\{", "{/*x*/").getBytes(StandardCharsets.UTF_8);
                case "single-quotes" -> json.replaceFirst("\"", "'").replaceFirst("\"", "'").getBytes(StandardCharsets.UTF_8);
                case "trailing-comma" -> json.replaceFirst("}$", ",}").getBytes(StandardCharsets.UTF_8);
                default -> throw new IllegalArgumentException(encoding);
            };
        }

        private byte[] changeAByte(byte[] bytes) {
            byte[] changed = bytes.clone();
            changed[random.nextInt(changed.length)] = (byte) random.nextInt(256);
            return changed;
        }

        private static byte[] replace(byte[] bytes, int at, byte[] with) {
            byte[] out = new byte[bytes.length - 1 + with.length];
            System.arraycopy(bytes, 0, out, 0, at);
            System.arraycopy(with, 0, out, at, with.length);
            System.arraycopy(bytes, at + 1, out, at + with.length, bytes.length - at - 1);
            return out;
        }

        private static byte[] concat(byte[] a, byte[] b) {
            byte[] out = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, out, a.length, b.length);
            return out;
        }

        private static String quote(String text) {
            return "\"" + text + "\"";
        }

        private static String b64(byte[] bytes) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }

        private static byte[] hs256(String signingInput) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
