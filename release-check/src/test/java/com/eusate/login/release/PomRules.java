package com.eusate.login.release;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The rules a published POM must follow, each a function from the POM's text to the problems it
 * finds (empty: none), so that PomRulesTest can show each one catching what it is for.
 */
final class PomRules {

    /** Libraries only our tests use: never in a published POM's compile or runtime scope. */
    static final Set<String> TEST_ONLY_GROUPS = Set.of("org.junit", "org.junit.jupiter", "org.eclipse.jetty",
            "org.eclipse.jetty.ee10", "org.eclipse.jetty.ee11", "com.nimbusds", "com.code-intelligence",
            "com.h2database", "org.postgresql", "org.seleniumhq.selenium", "org.mockito", "org.assertj",
            "org.openjdk.jmh");

    private PomRules() {
    }

    /** The elements Central requires (and issueManagement, which we promise too). */
    static List<String> missingRequiredElements(String pom) {
        Element project = parse(pom);
        List<String> problems = new ArrayList<>();
        for (String path : List.of("groupId", "artifactId", "version", "name", "description", "url",
                "licenses/license/name", "licenses/license/url", "developers/developer/name",
                "scm/url", "scm/connection", "scm/developerConnection", "issueManagement/url")) {
            if (text(project, path).isBlank()) {
                problems.add("no <" + path.replace("/", "><") + ">");
            }
        }
        return problems;
    }

    /**
     * The SNAPSHOT rule. A release build (a version without -SNAPSHOT): no SNAPSHOT anywhere in the
     * POM. A snapshot build: only our own version may be a SNAPSHOT (the project's, and that of our
     * own artifacts it names), never anybody else's.
     */
    static List<String> snapshots(String pom, String buildVersion) {
        List<String> problems = new ArrayList<>();
        if (!isSnapshot(buildVersion)) {
            int at = pom.indexOf("SNAPSHOT");
            if (at >= 0) {
                problems.add("names a SNAPSHOT in a release build (" + buildVersion + "): ..."
                        + pom.substring(Math.max(0, at - 60), at + 8).replaceAll("\\s+", " "));
            }
            return problems;
        }
        Element project = parse(pom);
        String version = text(project, "version");
        if (!version.equals(buildVersion)) {
            problems.add("version [" + version + "] is not the build's [" + buildVersion + "]");
        }
        for (Element dependency : dependencies(project)) {
            String v = text(dependency, "version");
            if (isSnapshot(v) && !(text(dependency, "groupId").equals("com.eusate") && v.equals(buildVersion))) {
                problems.add("depends on someone else's SNAPSHOT " + coordinates(dependency));
            }
        }
        return problems;
    }

    /** A parent must be staged beside the artifact (ours are flattened: they have none). */
    static List<String> unstagedParent(String pom, Predicate<String> isStaged) {
        Element parent = child(parse(pom), "parent");
        if (parent == null) {
            return List.of();
        }
        String gav = text(parent, "groupId") + ":" + text(parent, "artifactId") + ":" + text(parent, "version");
        return isStaged.test(gav) ? List.of()
                : List.of("names the parent " + gav + ", which is not staged: a consumer cannot resolve this POM");
    }

    /**
     * No test or provided dependency in compile (or runtime) scope: neither one of the test-only
     * libraries, nor one that the module's own POM declares test or provided.
     *
     * @param declaredScopes groupId:artifactId to the scope the module's source POM gives it
     */
    static List<String> leakedScopes(String pom, Map<String, String> declaredScopes) {
        List<String> problems = new ArrayList<>();
        for (Element dependency : dependencies(parse(pom))) {
            String scope = text(dependency, "scope");
            if (!scope.isEmpty() && !scope.equals("compile") && !scope.equals("runtime")) {
                continue;
            }
            String key = text(dependency, "groupId") + ":" + text(dependency, "artifactId");
            String declared = declaredScopes.getOrDefault(key, "");
            if (TEST_ONLY_GROUPS.contains(text(dependency, "groupId"))) {
                problems.add(key + " is a test library, in scope " + (scope.isEmpty() ? "compile" : scope));
            } else if (declared.equals("test") || declared.equals("provided")) {
                problems.add(key + " is declared " + declared + " but published in scope "
                        + (scope.isEmpty() ? "compile" : scope));
            }
        }
        return problems;
    }

    /** groupId:artifactId to scope, of the dependencies a (source) POM declares. */
    static Map<String, String> declaredScopes(String pom) {
        Map<String, String> scopes = new java.util.HashMap<>();
        for (Element dependency : dependencies(parse(pom))) {
            String scope = text(dependency, "scope");
            scopes.merge(text(dependency, "groupId") + ":" + text(dependency, "artifactId"),
                    scope.isEmpty() ? "compile" : scope, (a, b) -> a.equals("compile") ? a : b);
        }
        return scopes;
    }

    static boolean isSnapshot(String version) {
        return version.endsWith("-SNAPSHOT");
    }

    static String text(Element from, String path) {
        Element at = from;
        for (String name : path.split("/")) {
            at = child(at, name);
            if (at == null) {
                return "";
            }
        }
        return at.getTextContent().trim();
    }

    private static List<Element> dependencies(Element project) {
        List<Element> result = new ArrayList<>();
        Element dependencies = child(project, "dependencies");
        if (dependencies != null) {
            NodeList nodes = dependencies.getChildNodes();
            for (int i = 0; i < nodes.getLength(); i++) {
                if (nodes.item(i) instanceof Element e && e.getLocalName().equals("dependency")) {
                    result.add(e);
                }
            }
        }
        return result;
    }

    private static String coordinates(Element dependency) {
        return text(dependency, "groupId") + ":" + text(dependency, "artifactId") + ":" + text(dependency, "version");
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    static Element parse(String pom) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(pom.getBytes(StandardCharsets.UTF_8)));
            return document.getDocumentElement();
        } catch (Exception e) {
            throw new IllegalArgumentException("not a readable POM: " + e.getMessage(), e);
        }
    }
}
