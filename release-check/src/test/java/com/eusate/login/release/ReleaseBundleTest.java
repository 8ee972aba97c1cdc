package com.eusate.login.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The release check: reads the staging repository that this build's published modules deployed to
 * at verify (and the bundle zipped from it), and checks what Central's Publisher Portal checks, and
 * what we promise on top. Every test prints one line per artifact, so that the build's output is the
 * check's report.
 */
class ReleaseBundleTest {

    /** The published artifacts (module directory, artifactId). Nothing else may be staged. */
    static final Map<String, String> PUBLISHED = Map.of(
            "sate-login-middleware", "middleware",
            "sate-login-middleware-javax", "middleware-javax",
            "sate-login-spring-boot-starter", "spring-boot-starter");

    static Path root;
    static Path staging;
    static String version;
    static String gnupgHome;
    static List<StagedArtifact> artifacts = new ArrayList<>();

    @BeforeAll
    static void readStaging() throws IOException {
        root = Path.of(property("release.root")).toRealPath();
        staging = Path.of(property("release.staging"));
        version = property("release.version");
        // empty (or Maven's unresolved "${gpg.homedir}") when the maintainer signs with their own key: gpg's default home
        gnupgHome = System.getProperty("release.gnupg-home", "");
        if (gnupgHome.startsWith("${")) {
            gnupgHome = "";
        }
        assertTrue(Files.isDirectory(staging), "no staging repository at " + staging
                + ": the published modules deploy there at verify; run `mvn -B verify` from the root");
        for (String artifactId : new TreeSet<>(PUBLISHED.keySet())) {
            artifacts.add(StagedArtifact.read(staging, artifactId, version));
        }
        report("staging repository " + staging.toRealPath() + ", version " + version + ", "
                + (PomRules.isSnapshot(version)
                        ? "a snapshot build: the SNAPSHOT rule allows our own version " + version
                                + " only (a release build allows no SNAPSHOT at all)"
                        : "a release build: the SNAPSHOT rule allows no SNAPSHOT anywhere"));
    }

    @AfterAll
    static void stopTheThrowawayKeysAgent() throws Exception {
        if (!gnupgHome.isEmpty()) {
            new ProcessBuilder("gpgconf", "--homedir", gnupgHome, "--kill", "all").inheritIO().start()
                    .waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyPublishedArtifactHasItsPomJarSourcesJavadocAndSbomAndNothingElse() throws IOException {
        for (StagedArtifact artifact : artifacts) {
            for (String kind : StagedArtifact.REQUIRED) {
                artifact.file(kind);
            }
            assertEquals(Set.copyOf(StagedArtifact.REQUIRED), artifact.files().keySet(),
                    artifact.artifactId() + ": staged files other than the published ones");
            assertEquals(List.of(), artifact.strays(), artifact.artifactId() + ": files that are no published artifact");
            report(artifact.artifactId() + ": " + String.join(", ", artifact.files().keySet()));
        }
        try (var groups = Files.list(staging.resolve("com/eusate"))) {
            assertEquals(new TreeSet<>(PUBLISHED.keySet()),
                    groups.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toCollection(TreeSet::new)),
                    "only the published artifacts may be staged (the parent is not: the POMs are flattened)");
        }
    }

    @Test
    void everyStagedFileHasASignatureThatGpgVerifies() throws Exception {
        for (StagedArtifact artifact : artifacts) {
            for (Path file : artifact.files().values()) {
                Path signature = Path.of(file + ".asc");
                assertTrue(Files.isRegularFile(signature), "no signature " + signature);
                List<String> command = new ArrayList<>(List.of("gpg", "--batch", "--status-fd", "1"));
                if (!gnupgHome.isEmpty()) {
                    command.addAll(List.of("--homedir", gnupgHome));
                }
                command.addAll(List.of("--verify", signature.toString(), file.toString()));
                Process gpg = new ProcessBuilder(command).redirectErrorStream(true).start();
                String output = new String(gpg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(gpg.waitFor(60, TimeUnit.SECONDS), "gpg --verify did not finish");
                assertEquals(0, gpg.exitValue(), "gpg does not verify " + signature + ":\n" + output);
                assertTrue(output.contains("[GNUPG:] GOODSIG"), "no good signature on " + file + ":\n" + output);
            }
            report(artifact.artifactId() + ": " + artifact.files().size() + " .asc signatures verified by gpg");
        }
    }

    @Test
    void everyStagedFileHasMd5AndSha1ChecksumsOfItsBytes() throws Exception {
        for (StagedArtifact artifact : artifacts) {
            for (Path file : artifact.files().values()) {
                for (String[] algorithm : new String[][] {{"md5", "MD5"}, {"sha1", "SHA-1"}}) {
                    Path checksum = Path.of(file + "." + algorithm[0]);
                    assertTrue(Files.isRegularFile(checksum), "no checksum " + checksum);
                    String expected = HexFormat.of().formatHex(
                            MessageDigest.getInstance(algorithm[1]).digest(Files.readAllBytes(file)));
                    assertEquals(expected, Files.readString(checksum).trim().split("\\s+")[0],
                            checksum + " does not match the file");
                }
            }
            report(artifact.artifactId() + ": .md5 and .sha1 of " + artifact.files().size() + " files match");
        }
    }

    @Test
    void everyPomHasCentralsElementsNoUnstagedParentNoForbiddenSnapshotAndNoLeakedScope() throws IOException {
        for (StagedArtifact artifact : artifacts) {
            String pom = Files.readString(artifact.file(".pom"));
            String sourcePom = Files.readString(root.resolve(PUBLISHED.get(artifact.artifactId())).resolve("pom.xml"));
            List<String> problems = new ArrayList<>();
            problems.addAll(PomRules.missingRequiredElements(pom));
            problems.addAll(PomRules.snapshots(pom, version));
            problems.addAll(PomRules.unstagedParent(pom, this::isStagedPom));
            problems.addAll(PomRules.leakedScopes(pom, PomRules.declaredScopes(sourcePom)));
            assertEquals(List.of(), problems, artifact.artifactId() + "'s published POM");
            report(artifact.artifactId() + ": POM has name, description, url, licenses, developers, scm, "
                    + "issueManagement; no parent; SNAPSHOT rule kept; no test or provided dependency in compile scope");
        }
    }

    @Test
    void everyJarHoldsTheRepositorysLicenseAndNoticeInMetaInf() throws IOException {
        byte[] license = Files.readAllBytes(root.resolve("LICENSE"));
        byte[] notice = Files.readAllBytes(root.resolve("NOTICE"));
        for (StagedArtifact artifact : artifacts) {
            for (String kind : List.of(".jar", "sources.jar", "javadoc.jar")) {
                try (ZipFile jar = new ZipFile(artifact.file(kind).toFile())) {
                    assertEquals(new String(license, StandardCharsets.UTF_8), entry(jar, "META-INF/LICENSE"),
                            artifact.artifactId() + " " + kind + ": META-INF/LICENSE");
                    assertEquals(new String(notice, StandardCharsets.UTF_8), entry(jar, "META-INF/NOTICE"),
                            artifact.artifactId() + " " + kind + ": META-INF/NOTICE");
                }
            }
            report(artifact.artifactId() + ": jar, sources and javadoc jars hold META-INF/LICENSE and META-INF/NOTICE");
        }
    }

    @Test
    void everyClassOfAJarHasItsSourceInTheSourcesJarAndTheJavaxOnesNameJavaxServletOnly() throws IOException {
        for (StagedArtifact artifact : artifacts) {
            Set<String> classes = new TreeSet<>();
            Set<String> sources = new TreeSet<>();
            try (ZipFile jar = new ZipFile(artifact.file(".jar").toFile());
                 ZipFile src = new ZipFile(artifact.file("sources.jar").toFile());
                 ZipFile doc = new ZipFile(artifact.file("javadoc.jar").toFile())) {
                jar.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".class") && !n.contains("$")
                        && !n.endsWith("package-info.class")).forEach(n -> classes.add(n.replace(".class", "")));
                src.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".java") && !n.endsWith("package-info.java"))
                        .forEach(n -> sources.add(n.replace(".java", "")));
                if (artifact.artifactId().endsWith("-javax")) {
                    for (ZipFile archive : List.of(src, doc)) {
                        List<String> jakarta = archive.stream()
                                .filter(e -> e.getName().endsWith(".java") || e.getName().endsWith(".html"))
                                .filter(e -> entry(archive, e.getName()).contains("jakarta.servlet"))
                                .map(ZipEntry::getName).toList();
                        assertEquals(List.of(), jakarta, artifact.artifactId() + ": files naming jakarta.servlet in " + archive.getName());
                    }
                    assertTrue(entry(src, "com/eusate/login/SateLoginFilter.java").contains("javax.servlet.Filter"),
                            "the javax sources of SateLoginFilter do not name javax.servlet.Filter");
                }
            }
            assertFalse(classes.isEmpty(), artifact.artifactId() + ": no classes in the jar");
            assertEquals(classes, sources, artifact.artifactId() + ": the classes of the jar and the sources of the sources jar");
            report(artifact.artifactId() + ": " + classes.size() + " top-level classes, each with its source"
                    + (artifact.artifactId().endsWith("-javax") ? "; sources and javadoc name javax.servlet, never jakarta.servlet" : ""));
        }
    }

    @Test
    void everySbomIsACycloneDxDocumentAboutItsArtifact() throws IOException {
        for (StagedArtifact artifact : artifacts) {
            String sbom = Files.readString(artifact.file("cyclonedx.json"));
            assertTrue(sbom.matches("(?s).*\"bomFormat\"\\s*:\\s*\"CycloneDX\".*"), artifact.artifactId() + ": not a CycloneDX SBOM");
            String purl = "pkg:maven/com.eusate/" + artifact.artifactId() + "@" + version;
            assertTrue(sbom.contains(purl), artifact.artifactId() + ": the SBOM does not name " + purl);
            report(artifact.artifactId() + ": CycloneDX SBOM of " + purl);
        }
    }

    @Test
    void theBundleZipHoldsEveryStagedFileAndNoOther() throws IOException {
        Path bundle = Path.of(property("release.bundle"));
        Set<String> staged = new TreeSet<>();
        try (var walk = Files.walk(staging)) {
            walk.filter(Files::isRegularFile).map(p -> staging.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.contains("maven-metadata.xml")).forEach(staged::add);
        }
        Set<String> zipped = new TreeSet<>();
        try (ZipFile zip = new ZipFile(bundle.toFile())) {
            zip.stream().filter(e -> !e.isDirectory()).forEach(e -> zipped.add(e.getName()));
        }
        assertEquals(staged, zipped, "the bundle " + bundle + " and the staging repository");
        report("bundle " + bundle.toRealPath() + ": " + zipped.size() + " files, the staging repository's"
                + (PomRules.isSnapshot(version) ? " (a snapshot's bundle: the Portal takes release versions only)" : ""));
    }

    private boolean isStagedPom(String gav) {
        String[] parts = gav.split(":");
        return Files.isDirectory(staging.resolve(parts[0].replace('.', '/')).resolve(parts[1]).resolve(parts[2]));
    }

    private static String entry(ZipFile zip, String name) {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new AssertionError(zip.getName() + " has no " + name);
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run through Maven (release-check/pom.xml)");
        }
        return value;
    }

    static void report(String line) {
        System.out.println("release-check: " + line);
    }
}
