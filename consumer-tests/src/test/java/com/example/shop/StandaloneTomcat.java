package com.example.shop;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A Tomcat distribution, unpacked as a user unpacks it, started as its own JVM the way
 * {@code catalina.sh run} starts it, with our WAR as its ROOT app. The distribution stays untouched:
 * this instance lives in its own CATALINA_BASE (its ports, its users, its logs).
 */
final class StandaloneTomcat implements AutoCloseable {

    private final Path base;
    private final Process process;
    private final int port;

    private StandaloneTomcat(Path base, Process process, int port) {
        this.base = base;
        this.process = process;
        this.port = port;
    }

    /**
     * @param home        the unpacked distribution (CATALINA_HOME)
     * @param war         the app, deployed as ROOT
     * @param users       tomcat-users.xml entries: user name to password, each with the role {@code customer}
     * @param env         environment variables for the container (the app's ${env:...} settings: secrets)
     * @param sysProps    system properties for the container's JVM (the app's ${sys:...} settings)
     */
    static StandaloneTomcat start(Path home, Path war, Map<String, String> users, Map<String, String> env,
                                  Map<String, String> sysProps)
            throws IOException, InterruptedException {
        Path base = Files.createTempDirectory(home.getParent(), home.getFileName() + "-base-");
        for (String dir : List.of("logs", "temp", "work", "webapps")) {
            Files.createDirectories(base.resolve(dir));
        }
        copyTree(home.resolve("conf"), base.resolve("conf"));
        int port = freePort();
        Path serverXml = base.resolve("conf/server.xml");
        String server = Files.readString(serverXml)
                .replace("port=\"8005\"", "port=\"-1\"") // no shutdown port: the test stops the process
                .replace("port=\"8080\"", "port=\"" + port + "\" address=\"127.0.0.1\"");
        Files.writeString(serverXml, server);
        StringBuilder tomcatUsers = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tomcat-users"
                + " xmlns=\"http://tomcat.apache.org/xml\" version=\"1.0\">\n  <role rolename=\"customer\"/>\n");
        users.forEach((user, password) -> tomcatUsers.append("  <user username=\"").append(user)
                .append("\" password=\"").append(password).append("\" roles=\"customer\"/>\n"));
        Files.writeString(base.resolve("conf/tomcat-users.xml"), tomcatUsers.append("</tomcat-users>\n"));
        Files.copy(war, base.resolve("webapps/ROOT.war"), StandardCopyOption.REPLACE_EXISTING);

        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dcatalina.home=" + home, "-Dcatalina.base=" + base,
                "-Djava.io.tmpdir=" + base.resolve("temp"),
                "-Djava.util.logging.config.file=" + base.resolve("conf/logging.properties"),
                "-Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager"));
        sysProps.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-cp", home.resolve("bin/bootstrap.jar") + java.io.File.pathSeparator
                + home.resolve("bin/tomcat-juli.jar"), "org.apache.catalina.startup.Bootstrap", "start"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(base.resolve("logs/console.log").toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        StandaloneTomcat tomcat = new StandaloneTomcat(base, process, port);
        tomcat.awaitApp(Duration.ofSeconds(90));
        return tomcat;
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** What the container wrote to its console and log files, for a failing test to show. */
    String logs() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(base.resolve("logs"))) {
            for (Path file : files.sorted().toList()) {
                all.append("==> ").append(file.getFileName()).append('\n')
                        .append(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }

    /** Waits until the ROOT app answers its login page, or the container has died. */
    private void awaitApp(Duration timeout) throws IOException, InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Tomcat exited with " + process.exitValue() + ":\n" + logs());
            }
            try {
                HttpURLConnection c = (HttpURLConnection) baseUrl().resolve("/login.html").toURL().openConnection();
                c.setConnectTimeout(1000);
                c.setReadTimeout(1000);
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Tomcat did not serve the app within " + timeout + ":\n" + logs());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
