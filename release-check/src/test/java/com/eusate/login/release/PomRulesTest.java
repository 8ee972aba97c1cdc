package com.eusate.login.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each rule of the release check catches what it is there for, on POMs made to break it. */
class PomRulesTest {

    private static String pom(String version, String extra) {
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  %s
                  <groupId>com.eusate</groupId>
                  <artifactId>sate-login-middleware</artifactId>
                  <version>%s</version>
                  <name>n</name><description>d</description><url>https://example.invalid</url>
                  <licenses><license><name>Apache-2.0</name><url>https://www.apache.org/licenses/LICENSE-2.0.txt</url></license></licenses>
                  <developers><developer><name>m</name></developer></developers>
                  <scm><url>u</url><connection>c</connection><developerConnection>d</developerConnection></scm>
                  <issueManagement><url>i</url></issueManagement>
                  <dependencies>%s</dependencies>
                </project>""".formatted(extra.startsWith("<parent>") ? extra : "", version,
                extra.startsWith("<parent>") ? "" : extra);
    }

    private static String dependency(String groupId, String artifactId, String version, String scope) {
        return "<dependency><groupId>" + groupId + "</groupId><artifactId>" + artifactId + "</artifactId><version>"
                + version + "</version>" + (scope == null ? "" : "<scope>" + scope + "</scope>") + "</dependency>";
    }

    @Test
    void aCompletePomPassesEveryRule() {
        String pom = pom("0.1.0", dependency("com.auth0", "java-jwt", "4.5.2", "compile"));
        assertEquals(List.of(), PomRules.missingRequiredElements(pom));
        assertEquals(List.of(), PomRules.snapshots(pom, "0.1.0"));
        assertEquals(List.of(), PomRules.unstagedParent(pom, gav -> false));
        assertEquals(List.of(), PomRules.leakedScopes(pom, Map.of("com.auth0:java-jwt", "compile")));
    }

    @Test
    void aPomWithoutScmAndLicenceIsMissingCentralsElements() {
        String pom = pom("0.1.0", "").replaceAll("(?s)<licenses>.*</licenses>", "").replaceAll("(?s)<scm>.*</scm>", "");
        List<String> problems = PomRules.missingRequiredElements(pom);
        assertTrue(problems.contains("no <licenses><license><name>"), problems.toString());
        assertTrue(problems.contains("no <scm><url>"), problems.toString());
    }

    @Test
    void aReleaseBuildRefusesASnapshotVersionAndASnapshotDependency() {
        assertEquals(1, PomRules.snapshots(pom("0.1.0-SNAPSHOT", ""), "0.1.0").size());
        List<String> problems = PomRules.snapshots(
                pom("0.1.0", dependency("com.auth0", "java-jwt", "4.6.0-SNAPSHOT", null)), "0.1.0");
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("names a SNAPSHOT in a release build (0.1.0)"), problems.toString());
    }

    @Test
    void aSnapshotBuildAllowsOurOwnSnapshotVersionOnly() {
        String ours = pom("0.1.0-SNAPSHOT", dependency("com.eusate", "sate-login-middleware", "0.1.0-SNAPSHOT", null));
        assertEquals(List.of(), PomRules.snapshots(ours, "0.1.0-SNAPSHOT"));
        String theirs = pom("0.1.0-SNAPSHOT", dependency("com.auth0", "java-jwt", "4.6.0-SNAPSHOT", null));
        assertEquals(List.of("depends on someone else's SNAPSHOT com.auth0:java-jwt:4.6.0-SNAPSHOT"),
                PomRules.snapshots(theirs, "0.1.0-SNAPSHOT"));
    }

    @Test
    void aParentThatIsNotStagedIsReportedAndAStagedOneIsNot() {
        String pom = pom("0.1.0", "<parent><groupId>com.eusate</groupId><artifactId>sate-login-parent</artifactId>"
                + "<version>0.1.0</version></parent>");
        assertEquals(List.of("names the parent com.eusate:sate-login-parent:0.1.0, which is not staged: "
                + "a consumer cannot resolve this POM"), PomRules.unstagedParent(pom, gav -> false));
        assertEquals(List.of(), PomRules.unstagedParent(pom, "com.eusate:sate-login-parent:0.1.0"::equals));
    }

    @Test
    void aTestOrProvidedDependencyInCompileScopeIsReported() {
        String pom = pom("0.1.0", dependency("org.junit.jupiter", "junit-jupiter", "5.14.1", null)
                + dependency("jakarta.servlet", "jakarta.servlet-api", "6.1.0", "compile")
                + dependency("jakarta.servlet", "jakarta.servlet-api", "6.1.0", "provided"));
        assertEquals(List.of("org.junit.jupiter:junit-jupiter is a test library, in scope compile",
                        "jakarta.servlet:jakarta.servlet-api is declared provided but published in scope compile"),
                PomRules.leakedScopes(pom, Map.of("jakarta.servlet:jakarta.servlet-api", "provided")));
    }
}
