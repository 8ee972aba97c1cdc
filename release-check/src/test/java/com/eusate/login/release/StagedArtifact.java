package com.eusate.login.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One published artifact as the staging repository holds it: its folder
 * (com/eusate/ARTIFACT/VERSION) and its files by "classifier.extension" (".pom", ".jar",
 * "sources.jar", ...). A snapshot build's files carry the deploy's timestamp in place of -SNAPSHOT.
 */
record StagedArtifact(String artifactId, String version, Path folder, Map<String, Path> files, List<Path> strays) {

    /** What Central needs of each published artifact, plus the SBOM: "classifier.extension". */
    static final List<String> REQUIRED = List.of(".pom", ".jar", "sources.jar", "javadoc.jar", "cyclonedx.json");

    static StagedArtifact read(Path staging, String artifactId, String version) throws IOException {
        Path folder = staging.resolve("com/eusate").resolve(artifactId).resolve(version);
        String fileVersion = PomRules.isSnapshot(version)
                ? Pattern.quote(version.substring(0, version.length() - "SNAPSHOT".length())) + "\\d{8}\\.\\d{6}-\\d+"
                : Pattern.quote(version);
        Pattern name = Pattern.compile(Pattern.quote(artifactId + "-") + fileVersion + "(?:-([a-z]+))?\\.(jar|pom|json)");
        Map<String, Path> files = new TreeMap<>();
        List<Path> strays;
        if (!Files.isDirectory(folder)) {
            return new StagedArtifact(artifactId, version, folder, files, List.of());
        }
        try (Stream<Path> listing = Files.list(folder)) {
            strays = listing.filter(file -> {
                String fileName = file.getFileName().toString();
                if (fileName.startsWith("maven-metadata.xml")) {
                    return false;
                }
                String base = fileName.replaceFirst("\\.(asc|md5|sha1|sha256|sha512)$", "");
                Matcher m = name.matcher(base);
                if (!m.matches()) {
                    return true;
                }
                if (base.equals(fileName)) {
                    files.put((m.group(1) == null ? "" : m.group(1)) + "." + m.group(2), file);
                }
                return false;
            }).sorted().toList();
        }
        return new StagedArtifact(artifactId, version, folder, files, strays);
    }

    Path file(String kind) {
        Path file = files.get(kind);
        if (file == null) {
            throw new AssertionError(artifactId + ": no " + kind + " staged in " + folder);
        }
        return file;
    }
}
