package com.eusate.login;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/** Key pairs made fresh for a test run, and their PEM files as openssl would write them. */
final class TestKeys {
    static final KeyPair RSA = generate("RSA");
    static final KeyPair EC = generate("EC");

    private TestKeys() {
    }

    private static KeyPair generate(String type) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(type);
            if (type.equals("RSA")) {
                g.initialize(2048);
            } else {
                g.initialize(new ECGenParameterSpec("secp256r1"));
            }
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(Key key) {
        String label = key instanceof java.security.PrivateKey ? "PRIVATE KEY" : "PUBLIC KEY";
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
                + "\n-----END " + label + "-----\n";
    }

    static Path write(Path dir, String name, Key key) throws IOException {
        return Files.writeString(dir.resolve(name), pem(key));
    }
}
