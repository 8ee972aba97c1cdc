package com.eusate.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eusate.login.SateLoginFilter;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The javax artifact's jar as an app gets it (the one on this module's class path, which the
 * Transformer made from the middleware's jar): no class in it names jakarta.servlet, and every field
 * and method its classes use exists in the Servlet 4.0 API (Tomcat 9's javax.servlet classes), the
 * JDK and its dependencies, so none can fail with NoSuchMethodError or NoSuchFieldError on Servlet 4.
 */
class JavaxJarTest {

    /**
     * Servlet 6.1 calls the shared code makes on purpose, with why they cannot run on Servlet 4.0:
     * DeferredResponse overrides the 6.1 sendRedirect overloads and passes them on; only an app that
     * calls those overloads reaches it, and a Servlet 4.0 app cannot call them.
     */
    static final Set<String> SERVLET_6_1_ONLY_IN_OVERRIDES = Set.of(
            "javax.servlet.http.HttpServletResponseWrapper#sendRedirect(Ljava/lang/String;IZ)V");

    private static Path jar;
    private static final Map<String, byte[]> CLASSES = new LinkedHashMap<>();

    @BeforeAll
    static void readTheJar() throws Exception {
        jar = Path.of(SateLoginFilter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(jar.getFileName().toString().matches("sate-login-middleware-javax-.*\\.jar"),
                "the filters come from the javax jar: " + jar);
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : file.stream().toList()) {
                if (entry.getName().endsWith(".class")) {
                    CLASSES.put(entry.getName(), file.getInputStream(entry).readAllBytes());
                }
            }
        }
        assertTrue(CLASSES.size() > 50, "classes in " + jar + ": " + CLASSES.size());
    }

    @Test
    void noClassFileOfTheJavaxJarContainsJakartaServlet() {
        List<String> offenders = new ArrayList<>();
        for (Map.Entry<String, byte[]> c : CLASSES.entrySet()) {
            String bytes = new String(c.getValue(), StandardCharsets.ISO_8859_1);
            if (bytes.contains("jakarta/servlet") || bytes.contains("jakarta.servlet")) {
                offenders.add(c.getKey());
            }
        }
        assertEquals(List.of(), offenders, "classes in " + jar + " that name jakarta.servlet");
        assertTrue(CLASSES.values().stream()
                .anyMatch(b -> new String(b, StandardCharsets.ISO_8859_1).contains("javax/servlet/Filter")),
                "the filters implement javax.servlet.Filter");
    }

    @Test
    void everyFieldAndMethodTheJavaxJarUsesExistsOnServlet4AndItsDependencies() throws Exception {
        Set<String> missing = new TreeSet<>();
        Set<String> servletRefs = new HashSet<>();
        for (byte[] classFile : CLASSES.values()) {
            for (ConstantPool.MemberRef ref : ConstantPool.memberRefs(classFile)) {
                if (ref.owner().startsWith("[") || isSignaturePolymorphic(ref)) {
                    continue; // array clone(); MethodHandle.invoke and the like match any descriptor
                }
                if (ref.owner().startsWith("javax/servlet/")) {
                    servletRefs.add(ref.toString());
                }
                if (!exists(ref) && !SERVLET_6_1_ONLY_IN_OVERRIDES.contains(ref.toString())) {
                    missing.add(ref.toString());
                }
            }
        }
        assertTrue(servletRefs.size() > 50, "servlet members checked: " + servletRefs.size());
        assertEquals(Set.of(), missing, "used by the javax jar but not on Servlet 4.0 (Tomcat "
                + org.apache.catalina.util.ServerInfo.getServerNumber() + ") or its dependencies");
        assertTrue(servletRefs.containsAll(SERVLET_6_1_ONLY_IN_OVERRIDES),
                "the allowed 6.1 calls are still there; drop them from the list if not: " + SERVLET_6_1_ONLY_IN_OVERRIDES);
    }

    private static boolean isSignaturePolymorphic(ConstantPool.MemberRef ref) {
        return ref.owner().equals("java/lang/invoke/MethodHandle") || ref.owner().equals("java/lang/invoke/VarHandle");
    }

    /** Whether the JVM would resolve the reference: the member in the owner, a superclass or a superinterface. */
    private static boolean exists(ConstantPool.MemberRef ref) throws ClassNotFoundException {
        Class<?> owner = Class.forName(ref.owner().replace('/', '.'), false, JavaxJarTest.class.getClassLoader());
        Deque<Class<?>> todo = new ArrayDeque<>(List.of(owner));
        Set<Class<?>> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            Class<?> type = todo.pop();
            if (!seen.add(type)) {
                continue;
            }
            if (ref.method() ? declaresMethod(type, ref) : declaresField(type, ref)) {
                return true;
            }
            if (type.getSuperclass() != null) {
                todo.add(type.getSuperclass());
            }
            todo.addAll(List.of(type.getInterfaces()));
            if (type.isInterface()) {
                todo.add(Object.class);
            }
        }
        return false;
    }

    private static boolean declaresField(Class<?> type, ConstantPool.MemberRef ref) {
        for (Field f : type.getDeclaredFields()) {
            if (f.getName().equals(ref.name()) && descriptor(f.getType()).equals(ref.descriptor())) {
                return true;
            }
        }
        return false;
    }

    private static boolean declaresMethod(Class<?> type, ConstantPool.MemberRef ref) {
        List<Executable> candidates = new ArrayList<>();
        if (ref.name().equals("<init>")) {
            candidates.addAll(List.of(type.getDeclaredConstructors()));
        } else {
            for (Method m : type.getDeclaredMethods()) {
                if (m.getName().equals(ref.name())) {
                    candidates.add(m);
                }
            }
        }
        for (Executable e : candidates) {
            StringBuilder d = new StringBuilder("(");
            for (Class<?> p : e.getParameterTypes()) {
                d.append(descriptor(p));
            }
            d.append(')').append(e instanceof Constructor ? "V" : descriptor(((Method) e).getReturnType()));
            if (d.toString().equals(ref.descriptor())) {
                return true;
            }
        }
        return false;
    }

    private static String descriptor(Class<?> type) {
        if (type.isArray()) {
            return type.getName().replace('.', '/');
        }
        if (type.isPrimitive()) {
            return switch (type.getName()) {
                case "boolean" -> "Z";
                case "byte" -> "B";
                case "char" -> "C";
                case "short" -> "S";
                case "int" -> "I";
                case "long" -> "J";
                case "float" -> "F";
                case "double" -> "D";
                default -> "V";
            };
        }
        return "L" + type.getName().replace('.', '/') + ";";
    }
}
