package com.crmcardlayouts.web;

import com.crmcardlayouts.lifecycle.DeferredEvents;
import com.crmcardlayouts.bitrix24.OAuthServer;
import com.crmcardlayouts.portal.PortalRegistry;
import com.crmcardlayouts.portal.RefreshAnswer;
import com.crmcardlayouts.portal.TokenPair;
import com.crmcardlayouts.portal.TokenStore;
import com.crmcardlayouts.portal.UserCredentials;
import com.crmcardlayouts.portal.UnstoredPairs;
import com.crmcardlayouts.simulator.DeliveredEvent;
import com.crmcardlayouts.simulator.Simulator;
import com.crmcardlayouts.testing.Db;
import com.crmcardlayouts.testing.EmbeddedDatabase;
import io.restassured.RestAssured;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

import static com.crmcardlayouts.simulator.SimUsers.ADMIN;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL really stopped and started again (same port, same data) while many users' tokens are
 * refreshed at once: no rotated token is lost, the outage is a clear 503, and the app recovers by itself.
 */
@QuarkusTest
class DatabaseOutageTest {

    private static final Logger LOG = Logger.getLogger(DatabaseOutageTest.class);
    private static final int PORTALS = 5;
    private static final int USERS_PER_PORTAL = 40;
    private static final int CALLERS = 32;
    private static final int CALLS_PER_USER = 2;
    private static final Duration OUTAGE = Duration.ofSeconds(4);
    private static final String RESET_OWN = "{\"entityTypeId\":2,\"scope\":\"P\"}";

    @Inject
    Simulator simulator;
    @Inject
    PortalRegistry portals;
    @Inject
    UnstoredPairs unstored;
    @Inject
    DeferredEvents deferred;
    @Inject
    EntityManager em;
    @Inject
    TokenStore tokens;
    @Inject
    OAuthServer oauth;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();


    /** One page-API answer: its status, error code and Retry-After header. */
    private record Answer(int status, String error, String retryAfter) {
        String kind() {
            return status + (error.isEmpty() ? "" : " " + error);
        }
    }

    @Test
    void a_postgresql_restart_during_a_refresh_storm_loses_no_token_and_is_a_clear_temporary_refusal() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        List<InstalledPortal.Viewer> users = InstalledPortal.crowd(simulator, portals, PORTALS, USERS_PER_PORTAL);
        List<InstalledPortal> installed = users.stream().map(InstalledPortal.Viewer::portal).distinct().toList();
        // Bitrix24 finishes the first installation, so that it can publish an update during the outage.
        installed.get(0).sim.finishInstall(ADMIN).join();
        installed.forEach(portal -> portal.sim.expireAllAccessTokens());
        List<InstalledPortal.Viewer> calls = new ArrayList<>();
        for (int i = 0; i < CALLS_PER_USER; i++) {
            calls.addAll(users);
        }
        Collections.shuffle(calls, new Random(8));
        // A slower OAuth server keeps many refreshes in flight when the database goes away.
        simulator.setTokenEndpointDelay(Duration.ofMillis(100));
        Map<String, LongAdder> during = new ConcurrentHashMap<>();
        Map<String, LongAdder> outside = new ConcurrentHashMap<>();
        List<Answer> refusals = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Phase phase = new Phase();
        List<CompletableFuture<Void>> storm = new ArrayList<>();
        try {
            for (int c = 0; c < CALLERS; c++) {
                storm.add(CompletableFuture.runAsync(() -> {
                    for (int i = next.getAndIncrement(); i < calls.size(); i = next.getAndIncrement()) {
                        boolean down = phase.down;
                        Answer answer = reset(calls.get(i).session());
                        (down || phase.down ? during : outside).computeIfAbsent(answer.kind(), k -> new LongAdder()).increment();
                        if (answer.status() != 200) {
                            refusals.add(answer);
                        }
                        done.incrementAndGet();
                    }
                }, callers));
            }
            await(() -> done.get() >= 40, Duration.ofSeconds(60), "the storm got going");

            EmbeddedDatabase database = EmbeddedDatabase.of(em);
            phase.down = true;
            database.stop();
            long stoppedAt = System.nanoTime();
            int doneAtStop = done.get();
            InstalledPortal first = installed.get(0);
            String page = first.tab(ADMIN, "CRM_DEAL_DETAIL_TAB", "{\"ID\":\"1\"}", "de").then()
                    .statusCode(503).header("Retry-After", "30").extract().asString();
            int readinessDuring = given().get("/q/health/ready").statusCode();
            CompletableFuture<List<DeliveredEvent>> update = first.sim.publishUpdate(ADMIN);
            int eventStatusDuring = update.get(10, TimeUnit.SECONDS).get(0).httpStatus();
            pause(OUTAGE.minusNanos(System.nanoTime() - stoppedAt));

            database.start();
            long startedAt = System.nanoTime();
            phase.down = false;
            int doneAtStart = done.get();
            await(() -> given().get("/q/health/ready").statusCode() == 200 && reset(users.get(0).session()).status() == 200,
                    Duration.ofSeconds(5), "readiness UP and the page API serving within 5 s of the restart");
            long recoveredMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);

            CompletableFuture.allOf(storm.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            await(() -> unstored.size() == 0 && deferred.size() == 0, Duration.ofSeconds(20), "kept pairs and events stored");
            int keptAtEnd = unstored.size();

            // Nobody has to open the app again: every user is served, and after another expiry too,
            // so what the database holds is each user's live chain.
            Map<String, Integer> after = new TreeMap<>(everyone(users, callers));
            installed.forEach(portal -> portal.sim.expireAllAccessTokens());
            everyone(users, callers).forEach((kind, n) -> after.merge(kind, n, Integer::sum));

            LOG.infof("Restart test: %d users on %d portals, %d callers, %d calls; %d done before the stop, %d while down;"
                            + " answers while down %s, outside %s; recovered in %d ms; answers after %s; kept pairs left %d",
                    users.size(), PORTALS, CALLERS, calls.size(), doneAtStop, doneAtStart - doneAtStop,
                    counts(during), counts(outside), recoveredMillis, after, keptAtEnd);

            assertEquals(Map.of("200", users.size() * 2), after, "zero users need to open the app again");
            assertEquals(0, Db.count(em, "select count(*) from user_token where revoked_at is not null and portal_id in ("
                    + String.join(",", installed.stream().map(portal -> String.valueOf(portal.portalId)).toList()) + ")"));
            for (Answer refusal : refusals) {
                // A request that spent its whole deadline waiting (the test budget is 4 s) gives up as RATE_LIMITED.
                boolean temporary = refusal.equals(new Answer(503, "UNAVAILABLE", "30"))
                        || (refusal.status() == 503 && "RATE_LIMITED".equals(refusal.error()));
                assertTrue(temporary, "an outage is a temporary 503, never a 500, a 502 or a 409: " + refusal);
            }
            assertTrue(page.contains("data-reason=\"app_unavailable\"") && page.contains("in einer Minute"), page);
            assertEquals(503, readinessDuring, "readiness DOWN while the database is");
            assertEquals(202, eventStatusDuring, "the event is kept");
            assertEquals((Integer) first.sim.appVersion(), Db.portal(first.sim.memberId()).appVersion, "the kept event was handled after the outage");
        } finally {
            phase.down = false;
            simulator.setTokenEndpointDelay(Duration.ZERO);
            callers.shutdownNow();
        }
    }

    @Test
    void a_rotated_pair_the_database_does_not_take_is_kept_used_and_stored_once_it_is_back() {
        InstalledPortal portal = InstalledPortal.install(simulator, portals);
        UserCredentials stale = tokens.find(portal.portalId, ADMIN).orElseThrow();
        portal.sim.expireAllAccessTokens();
        EmbeddedDatabase database = EmbeddedDatabase.of(em);
        TokenStore.Rotation rotation;
        try {
            // The OAuth server rotates the pair, then the database goes away before the commit.
            rotation = tokens.rotate(portal.portalId, ADMIN, stale.tokens().accessToken(), spent -> {
                Optional<RefreshAnswer> answer = oauth.refresh(spent);
                database.stop();
                return answer;
            });
            assertEquals(1, unstored.size(), "the pair is kept in memory");
        } finally {
            database.start();
        }

        TokenPair rotated = assertInstanceOf(TokenStore.Rotation.Current.class, rotation).credentials().tokens();
        assertNotEquals(stale.tokens().refreshToken(), rotated.refreshToken());
        await(() -> unstored.size() == 0, Duration.ofSeconds(10), "the kept pair stored");
        TokenPair stored = tokens.find(portal.portalId, ADMIN).orElseThrow().tokens();
        assertEquals(rotated.accessToken(), stored.accessToken());
        assertEquals(rotated.refreshToken(), stored.refreshToken());
        assertEquals(1, portal.sim.refreshCount(ADMIN), "the spent refresh token was never used again");
        String session = portal.session(ADMIN);
        portal.sim.expireAllAccessTokens();
        assertEquals(200, reset(session).status(), "the stored chain is live");
        assertEquals(2, portal.sim.refreshCount(ADMIN));
    }

    /** Whether the database is down; written by the test thread, read by the callers. */
    private static final class Phase {
        volatile boolean down;
    }

    private Answer reset(String session) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/api/card-layouts/reset"))
                .header("Authorization", "Bearer " + session).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(RESET_OWN)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String error = response.statusCode() == 200 ? "" : new JsonObject(response.body()).getString("error", "?");
            return new Answer(response.statusCode(), error, response.headers().firstValue("Retry-After").orElse(""));
        } catch (java.io.IOException e) {
            return new Answer(-1, "CONNECTION " + e.getClass().getSimpleName(), "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One page-API call by each user, at once: how many got which answer. */
    private Map<String, Integer> everyone(List<InstalledPortal.Viewer> users, ExecutorService callers) {
        List<CompletableFuture<Answer>> answers = users.stream()
                .map(user -> CompletableFuture.supplyAsync(() -> reset(user.session()), callers)).toList();
        Map<String, Integer> counts = new TreeMap<>();
        answers.forEach(answer -> counts.merge(answer.join().kind(), 1, Integer::sum));
        return counts;
    }

    private static Map<String, Long> counts(Map<String, LongAdder> answers) {
        Map<String, Long> counts = new TreeMap<>();
        answers.forEach((kind, n) -> counts.put(kind, n.sum()));
        return counts;
    }

    private static void await(BooleanSupplier condition, Duration patience, String what) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within " + patience + ": " + what);
            }
            pause(Duration.ofMillis(100));
        }
    }

    private static void pause(Duration duration) {
        if (duration.isNegative()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
