package com.eusate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.eusate.login.internal.Keys;
import com.eusate.login.internal.verify.TokenVerifier;
import com.eusate.login.verify.SateTokenConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Google's Project Wycheproof JWS test vectors (src/test/resources/wycheproof, Apache 2.0, copied
 * unchanged so that every build runs them), for the algorithms we support: HS256, RS256 and ES256.
 * <ul>
 *   <li>the signature layer we rely on (java-jwt, with the algorithm fixed by the key, as
 *       SateTokenFilter fixes it) accepts every valid vector and refuses every invalid one;</li>
 *   <li>SateTokenFilter in a real Jetty, configured with each group's key, refuses every invalid one.</li>
 * </ul>
 * The vectors' payloads are not JWT claim sets, so the filter refuses the valid ones too; they prove
 * nothing there and are not counted.
 */
class WycheproofJwsTest {

    static final Path VECTORS = Path.of(System.getProperty("sate.wycheproof",
            "src/test/resources/wycheproof/json_web_signature_test.json"));
    static final ObjectMapper JSON = new ObjectMapper();

    record Vector(int id, String jws, boolean valid, String alg, String kid, JsonNode key) {
    }

    static List<Vector> vectors;

    @BeforeAll
    static void load() throws Exception {
        if (!Files.isRegularFile(VECTORS)) {
            return; // each test then fails, naming the file
        }
        vectors = new ArrayList<>();
        for (JsonNode group : JSON.readTree(VECTORS.toFile()).get("testGroups")) {
            JsonNode key = group.has("public") ? group.get("public") : group.get("private");
            for (JsonNode test : group.get("tests")) {
                if (!test.get("jws").isTextual()) {
                    continue; // JSON serialization: SateTokenFilter only takes the compact form
                }
                String jws = test.get("jws").asText();
                String alg;
                String kid;
                try {
                    JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(jws.split("\\.", -1)[0]));
                    alg = header.path("alg").asText(null);
                    kid = header.path("kid").asText(null);
                } catch (Exception malformedHeader) {
                    alg = null;
                    kid = null;
                }
                vectors.add(new Vector(test.get("tcId").asInt(), jws, "valid".equals(test.get("result").asText()),
                        alg, kid, key));
            }
        }
    }

    /** The algorithm our configuration would fix for this key, or null if we do not support the key. */
    static Algorithm algorithmFor(JsonNode jwk) throws Exception {
        switch (jwk.path("kty").asText()) {
            case "oct":
                return Keys.hs256(Base64.getUrlDecoder().decode(jwk.get("k").asText())); // ours, as configured
            case "RSA":
                return Algorithm.RSA256((RSAPublicKey) rsa(jwk), null);
            case "EC":
                return "P-256".equals(jwk.path("crv").asText()) ? Algorithm.ECDSA256((ECPublicKey) p256(jwk), null) : null;
            default:
                return null;
        }
    }

    static PublicKey rsa(JsonNode jwk) throws Exception {
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(unsigned(jwk, "n"), unsigned(jwk, "e")));
    }

    static PublicKey p256(JsonNode jwk) throws Exception {
        AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
        params.init(new ECGenParameterSpec("secp256r1"));
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(
                new ECPoint(unsigned(jwk, "x"), unsigned(jwk, "y")), params.getParameterSpec(ECParameterSpec.class)));
    }

    private static BigInteger unsigned(JsonNode jwk, String field) {
        return new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get(field).asText()));
    }

    /** The three parts of a compact JWS as java-jwt's signature check reads them. */
    static DecodedJWT parts(String jws) {
        String[] p = jws.split("\\.", -1);
        return (DecodedJWT) Proxy.newProxyInstance(DecodedJWT.class.getClassLoader(), new Class<?>[] {DecodedJWT.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getHeader" -> p[0];
                    case "getPayload" -> p.length > 1 ? p[1] : "";
                    case "getSignature" -> p.length > 2 ? p[2] : "";
                    case "getToken" -> jws;
                    case "getKeyId" -> null; // the key is given, not looked up
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static boolean supported(Vector v) {
        return v.alg() != null && List.of("HS256", "RS256", "ES256").contains(v.alg());
    }

    /**
     * Keys we would be given: a JWK meant for signatures with our algorithm. (Wycheproof also tests
     * JWK metadata, "use" and "key_ops", and keys meant for other algorithms; our configuration takes
     * bare keys, so those vectors do not apply.)
     */
    private static boolean applies(Vector v, Algorithm algorithm) {
        JsonNode k = v.key();
        return supported(v) && algorithm != null && algorithm.getName().equals(v.alg())
                && (!k.has("alg") || k.get("alg").asText().equals(v.alg()))
                && (!k.has("use") || k.get("use").asText().equals("sig"))
                && (!k.has("key_ops") || k.get("key_ops").toString().contains("verify"));
    }

    private static void assumeVectors() {
        // never skipped: the vectors ship with the tests, so their absence is a broken checkout
        Assertions.assertNotNull(vectors, () -> "the Wycheproof vectors are missing: " + VECTORS.toAbsolutePath());
    }

    @Test
    void theSignatureCheckAcceptsEveryValidAndRefusesEveryInvalidVector() throws Exception {
        assumeVectors();
        int valid = 0;
        int invalid = 0;
        List<Integer> stricter = new ArrayList<>();
        List<Integer> wrong = new ArrayList<>();
        List<Integer> contradictory = new ArrayList<>();
        for (Vector v : vectors) {
            Algorithm algorithm = algorithmFor(v.key());
            if (!applies(v, algorithm)) {
                continue;
            }
            if (vectors.stream().anyMatch(o -> o.jws().equals(v.jws()) && o.key().equals(v.key()) && o.valid() != v.valid())) {
                contradictory.add(v.id()); // the same JWS and key marked both valid and invalid in this file
                continue;
            }
            // what SateTokenFilter does before the claims: canonical encoding, then the signature
            boolean verified = TokenVerifier.wellFormed(v.jws());
            if (verified) {
                try {
                    algorithm.verify(parts(v.jws()));
                } catch (RuntimeException refused) {
                    verified = false;
                }
            }
            if (v.valid() && !verified && !TokenVerifier.wellFormed(v.jws())) {
                stricter.add(v.id()); // Wycheproof tolerates this encoding; we do not
            } else if (verified != v.valid()) {
                wrong.add(v.id());
            }
            if (v.valid()) {
                valid++;
            } else {
                invalid++;
            }
        }
        System.out.println("Wycheproof signature check: " + valid + " valid and " + invalid + " invalid vectors;"
                + " refused for non-canonical encoding though marked valid: " + stricter
                + "; skipped as contradictory (same JWS and key, both results): " + contradictory);
        assertTrue(valid >= 10 && invalid >= 50, "too few vectors matched our algorithms: " + valid + "/" + invalid);
        assertEquals(List.of(), wrong, "vectors judged wrongly (tcId)");
    }

    @Test
    void sateTokenFilterRefusesEveryInvalidVectorWithTheGroupsKeyConfigured() throws Exception {
        assumeVectors();
        HttpClient http = HttpClient.newHttpClient();
        int checked = 0;
        List<Integer> accepted = new ArrayList<>();
        for (Vector v : vectors) {
            if (v.valid() || algorithmFor(v.key()) == null) {
                continue;
            }
            SateTokenConfig config = configFor(v);
            if (config == null) {
                continue;
            }
            try (FunctionApp app = new FunctionApp(new SateTokenFilter(config))) {
                HttpRequest request = HttpRequest.newBuilder(app.baseUrl().resolve("/api/whoami"))
                        .header("Authorization", "Bearer " + v.jws().replace("\r", "").replace("\n", "")).build();
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() != 401) {
                    accepted.add(v.id());
                }
                checked++;
            }
        }
        System.out.println("Wycheproof through SateTokenFilter: " + checked + " invalid vectors refused");
        assertTrue(checked >= 100, "too few invalid vectors reached the filter: " + checked);
        assertEquals(List.of(), accepted, "invalid vectors accepted (tcId)");
    }

    /** The group's key under the vector's kid, as an integrator would configure it; null if we refuse such a key. */
    private static SateTokenConfig configFor(Vector v) throws Exception {
        String kid = v.kid() != null && v.kid().matches("[A-Za-z0-9._-]{1,64}") ? v.kid() : "wycheproof";
        try {
            return switch (v.key().path("kty").asText()) {
                case "oct" -> SateTokenConfig.builder().signingSecret(new String(
                        Base64.getUrlDecoder().decode(v.key().get("k").asText()), StandardCharsets.ISO_8859_1)).build();
                case "RSA" -> SateTokenConfig.builder().publicKey(kid, rsa(v.key())).build();
                case "EC" -> SateTokenConfig.builder().publicKey(kid, p256(v.key())).build();
                default -> null;
            };
        } catch (IllegalArgumentException weakOrShortKey) {
            return null; // a key our configuration itself refuses (short secret, small RSA modulus)
        }
    }
}
