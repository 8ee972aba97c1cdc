package com.eusate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public surface an integrator reads: the top-level public types of the three API packages, and
 * their public constants. A type or constant made public by accident fails here; one made public on
 * purpose is added here, and to the packages table in docs/contributing.md.
 */
class PublicApiTest {

    private static final Path CLASSES = Path.of("target", "classes");
    private static final List<String> API_PACKAGES = List.of("com.eusate.login", "com.eusate.login.signin",
            "com.eusate.login.verify");

    @Test
    void theApiPackagesHaveFifteenPublicTypesAtMost() throws Exception {
        Set<String> expected = new TreeSet<>(List.of(
                "com.eusate.login.SateLoginFilter", "com.eusate.login.SateTokenFilter",
                "com.eusate.login.signin.IssuedToken", "com.eusate.login.signin.SateLoginConfig",
                "com.eusate.login.signin.SateLoginEvent", "com.eusate.login.signin.SateLoginListener",
                "com.eusate.login.signin.SateLoginStats", "com.eusate.login.signin.SubjectResolver",
                "com.eusate.login.signin.TokenIssuer",
                "com.eusate.login.verify.JdbcRevocationStore", "com.eusate.login.verify.RevocationStore",
                "com.eusate.login.verify.SateTokenConfig", "com.eusate.login.verify.SateTokenStats",
                "com.eusate.login.verify.TokenLocation",
                "com.eusate.login.verify.VerifiedToken"));
        Set<String> publicTypes = new TreeSet<>();
        for (Class<?> type : topLevelTypes()) {
            if (Modifier.isPublic(type.getModifiers())) {
                publicTypes.add(type.getName());
            }
        }
        assertEquals(expected, publicTypes);
        assertTrue(publicTypes.size() <= 15, publicTypes::toString);
    }

    @Test
    void theOnlyPublicConstantIsTheVerifiedTokenRequestAttribute() throws Exception {
        Set<String> constants = new TreeSet<>();
        for (Class<?> type : topLevelTypes()) {
            for (Field field : type.getDeclaredFields()) {
                int m = field.getModifiers();
                if (Modifier.isPublic(m) && Modifier.isStatic(m) && !field.isEnumConstant()) {
                    constants.add(type.getSimpleName() + "." + field.getName());
                }
            }
        }
        assertEquals(Set.of("SateTokenFilter.TOKEN_ATTRIBUTE"), constants);
    }

    /** Every top-level class compiled into the API packages, public or not. */
    private static List<Class<?>> topLevelTypes() throws IOException, ClassNotFoundException {
        List<Class<?>> types = new java.util.ArrayList<>();
        for (String pkg : API_PACKAGES) {
            try (Stream<Path> files = Files.list(CLASSES.resolve(pkg.replace('.', '/')))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String name = file.getFileName().toString().replace(".class", "");
                    if (!name.contains("$") && !name.equals("package-info")) {
                        types.add(Class.forName(pkg + "." + name));
                    }
                }
            }
        }
        return types;
    }
}
