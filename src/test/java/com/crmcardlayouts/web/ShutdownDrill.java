package com.crmcardlayouts.web;

import com.crmcardlayouts.portal.PortalRegistry;
import com.crmcardlayouts.simulator.Simulator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rolling restart, measured: a second instance of the packaged app (a separate JVM on the same
 * database and the same simulated Bitrix24) gets {@code SIGTERM} in the middle of a refresh storm of
 * 200 users whose tokens all expired. Counts the connections it resets and the tokens lost (users
 * who would have to open the app again). Not part of the suite (its name does not end in Test);
 * build the app first, then run it:
 * <pre>
 * ./mvnw -B package -DskipTests
 * ./mvnw -B test -Dtest=ShutdownDrill -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * Once the stopping instance has reported not-ready for 5 s (a load balancer has stopped routing to
 * it), and whenever it refuses a connection, calls go to this test's own instance. Writes its figures to {@code target/shutdown-drill/result.md}.
 */
@QuarkusTest
class ShutdownDrill {

    private static final int PORTALS = 4;
    private static final int USERS_PER_PORTAL = 50;
    private static final int CALLERS = 32;
    private static final int CALLS_PER_USER = 5;
    private static final int OTHER_PORT = 18183;
    private static final String RESET_OWN = "{\"entityTypeId\":2,\"scope\":\"P\"}";

    @Inject
    Simulator simulator;
    @Inject
    PortalRegistry portals;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void sigterm_during_a_refresh_storm_resets_no_connection_and_loses_no_token() throws Exception {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        assertTrue(Files.exists(jar), "Build the app first: ./mvnw -B package -DskipTests");
        Path logs = Files.createDirectories(Path.of("target", "shutdown-drill"));
        Process other = startOtherInstance(jar, logs.resolve("other-instance.log"));
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        try {
            awaitReady("http://127.0.0.1:" + OTHER_PORT);
            List<InstalledPortal.Viewer> viewers = InstalledPortal.crowd(simulator, portals, PORTALS, USERS_PER_PORTAL);
            List<InstalledPortal> installed = viewers.stream().map(InstalledPortal.Viewer::portal).distinct().toList();
            List<String> sessions = viewers.stream().map(InstalledPortal.Viewer::session).toList();
            installed.forEach(portal -> portal.sim.expireAllAccessTokens());
            List<String> calls = new ArrayList<>();
            for (int i = 0; i < CALLS_PER_USER; i++) {
                calls.addAll(sessions);
            }
            Collections.shuffle(calls, new Random(8));
            simulator.setTokenEndpointDelay(Duration.ofMillis(200));

            Map<String, LongAdder> atOther = new ConcurrentHashMap<>();
            Map<String, LongAdder> rerouted = new ConcurrentHashMap<>();
            Routing routing = new Routing();
            AtomicInteger next = new AtomicInteger();
            AtomicInteger done = new AtomicInteger();
            String otherBase = "http://127.0.0.1:" + OTHER_PORT;
            String ownBase = "http://localhost:" + RestAssured.port;
            List<CompletableFuture<Void>> storm = new ArrayList<>();
            for (int c = 0; c < CALLERS; c++) {
                storm.add(CompletableFuture.runAsync(() -> {
                    for (int i = next.getAndIncrement(); i < calls.size(); i = next.getAndIncrement()) {
                        if (routing.deregistered) {
                            rerouted.computeIfAbsent(reset(ownBase, calls.get(i)), k -> new LongAdder()).increment();
                            done.incrementAndGet();
                            continue;
                        }
                        String answer = reset(otherBase, calls.get(i));
                        atOther.computeIfAbsent(answer, k -> new LongAdder()).increment();
                        if (answer.equals("refused")) {
                            rerouted.computeIfAbsent(reset(ownBase, calls.get(i)), k -> new LongAdder()).increment();
                        }
                        done.incrementAndGet();
                    }
                }, callers));
            }
            while (done.get() < 40) {
                Thread.sleep(20);
            }
            long sigtermAt = System.nanoTime();
            other.toHandle().destroy();
            // The load balancer stops sending new requests once the instance is no longer ready (5 s).
            Thread.sleep(1_000);
            int readinessAfterSigterm = readiness(otherBase);
            Thread.sleep(4_000);
            routing.deregistered = true;
            boolean exited = other.waitFor(40, TimeUnit.SECONDS);
            long exitMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sigtermAt);
            CompletableFuture.allOf(storm.toArray(CompletableFuture[]::new)).get(180, TimeUnit.SECONDS);
            simulator.setTokenEndpointDelay(Duration.ZERO);

            // Lost tokens: users this instance can no longer serve with what the database holds.
            Map<String, Integer> after = new TreeMap<>();
            List<CompletableFuture<String>> finals = sessions.stream()
                    .map(session -> CompletableFuture.supplyAsync(() -> reset(ownBase, session), callers)).toList();
            finals.forEach(answer -> after.merge(answer.join(), 1, Integer::sum));

            long resets = atOther.entrySet().stream().filter(e -> e.getKey().startsWith("reset")).mapToLong(e -> e.getValue().sum()).sum();
            String result = String.format("""
                            | Figure | Value |
                            |---|---|
                            | users, portals, callers, calls | %d, %d, %d, %d |
                            | calls done before SIGTERM | %d |
                            | answers of the stopping instance | %s |
                            | calls refused by, or no longer sent to, the stopping instance, answered by the other | %s |
                            | readiness 1 s after SIGTERM | %d |
                            | connections reset mid-request | %d |
                            | exit after SIGTERM | %d ms (exit code %s) |
                            | answers afterwards, one call per user | %s |
                            """, sessions.size(), PORTALS, CALLERS, calls.size(), 40, counts(atOther), counts(rerouted), readinessAfterSigterm, resets,
                    exitMillis, exited ? String.valueOf(other.exitValue()) : "still running", after);
            Files.writeString(logs.resolve("result.md"), result);
            System.out.println(result);

            assertTrue(exited, "the instance stopped within the grace period");
            assertEquals(503, readinessAfterSigterm, "not ready first");
            assertEquals(0, resets, "no request in flight was dropped");
            assertEquals(Map.of("200", sessions.size()), after, "no token was lost");
        } finally {
            simulator.setTokenEndpointDelay(Duration.ZERO);
            callers.shutdownNow();
            other.destroyForcibly();
        }
    }

    /** Where new requests go; written by the test thread, read by the callers. */
    private static final class Routing {
        volatile boolean deregistered;
    }

    /** The packaged production build, configured like a second replica of this test's instance. */
    private static Process startOtherInstance(Path jar, Path log) throws IOException {
        var config = ConfigProvider.getConfig();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + OTHER_PORT,
                "-Dquarkus.datasource.jdbc.url=" + config.getValue("quarkus.datasource.jdbc.url", String.class),
                "-Dquarkus.datasource.username=" + config.getValue("quarkus.datasource.username", String.class),
                "-Dquarkus.datasource.password=" + config.getValue("quarkus.datasource.password", String.class),
                "-Dapp.public-url=https://app.example.test",
                "-Dapp.encryption-key=" + config.getValue("app.encryption-key", String.class),
                "-Dbitrix24.client-id=" + config.getValue("bitrix24.client-id", String.class),
                "-Dbitrix24.client-secret=" + config.getValue("bitrix24.client-secret", String.class),
                "-Dbitrix24.oauth-server-url=" + config.getValue("bitrix24.oauth-server-url", String.class),
                "-Dbitrix24.allow-insecure-http=true",
                "-jar", jar.toString());
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private void awaitReady(String base) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("The other instance did not become ready; see target/shutdown-drill/other-instance.log");
    }

    private int readiness(String base) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    /** "200", "503 UNAVAILABLE", …, "refused" (no connection taken) or "reset …" (dropped mid-request). */
    private String reset(String base, String session) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/card-layouts/reset"))
                .header("Authorization", "Bearer " + session).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(RESET_OWN)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? "200"
                    : response.statusCode() + " " + new io.vertx.core.json.JsonObject(response.body()).getString("error", "?");
        } catch (ConnectException e) {
            return "refused";
        } catch (IOException e) {
            return "reset " + e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Long> counts(Map<String, LongAdder> answers) {
        Map<String, Long> counts = new TreeMap<>();
        answers.forEach((kind, n) -> counts.put(kind, n.sum()));
        return counts;
    }
}
