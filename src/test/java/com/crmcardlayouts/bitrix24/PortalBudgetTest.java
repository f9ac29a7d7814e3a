package com.crmcardlayouts.bitrix24;

import com.crmcardlayouts.portal.DatabaseOutage;
import com.crmcardlayouts.simulator.SimPortal;
import com.crmcardlayouts.simulator.Simulator;
import com.crmcardlayouts.testing.Awaits;
import com.crmcardlayouts.testing.Db;
import com.crmcardlayouts.testing.EmbeddedDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static com.crmcardlayouts.simulator.SimUsers.ADMIN;
import static com.crmcardlayouts.testing.Bitrix24Requests.install;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The request budget and method time against the simulator's own leaky bucket, over HTTP, with two app
 * instances on one database: two clients, each with its own budget, method time and exchange slots, as
 * two pods have, on Bitrix24's standard plan (2 per second, 50 at once).
 */
@QuarkusTest
class PortalBudgetTest {

    private static final Logger LOG = Logger.getLogger(PortalBudgetTest.class);
    /** Long enough for the last of 80 calls: its slot comes 16 s after the first (48 of 50 at once, then 2 per second). */
    private static final Duration LONG_REQUEST = Duration.ofSeconds(30);

    @Inject
    Simulator simulator;
    @Inject
    Bitrix24Client client;
    @Inject
    PortalBudget budget;
    @Inject
    EntityManager em;
    @Inject
    MeterRegistry metrics;
    /** The two instances of each test: Bitrix24's standard plan, as in production (the test profile's default is roomier). */
    Bitrix24Client first;
    Bitrix24Client second;

    @BeforeEach
    void twoInstances() {
        first = AppInstances.onStandardPlan();
        second = AppInstances.onStandardPlan();
    }

    /** An installed portal with Bitrix24's bucket on, both its bucket and the app's budget empty, as after a quiet while. */
    private Portal quietPortalWithBucket() {
        SimPortal sim = simulator.createPortal();
        install(sim);
        long portalId = Db.portal(sim.memberId()).id;
        sim.setLeakyBucket(true);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from portal_budget where portal_id = ?1")
                .setParameter(1, portalId).executeUpdate());
        return new Portal(sim, portalId);
    }

    private record Portal(SimPortal sim, long id) {
    }

    private record Outcome(boolean ok, Bitrix24Exception failure) {
    }

    @Test
    void eighty_calls_at_once_from_two_instances_all_succeed_within_the_bucket_and_near_its_floor() throws Exception {
        Portal portal = quietPortalWithBucket();
        int profilesBefore = portal.sim().restCallCount("profile");
        double refusedBefore = metrics.counter("bitrix24.rate_limit.waits").count();

        long started = System.nanoTime();
        List<Outcome> outcomes = callAtOnce(80, i -> (i % 2 == 0 ? first : second)
                .call(portal.id(), ADMIN, "profile", Map.of(), Deadline.in(LONG_REQUEST).callsOfAtMost(Bitrix24Client.CALL_LIMIT)));
        double seconds = (System.nanoTime() - started) / 1e9;

        double floor = (80 - 50) / 2.0;
        LOG.infof("80 calls from two instances: %.2f s, %.3f of the floor of %.0f s", seconds, seconds / floor, floor);
        assertTrue(outcomes.stream().allMatch(Outcome::ok), "every call succeeds: " + outcomes);
        assertEquals(80, portal.sim().restCallCount("profile") - profilesBefore,
                "exactly 80 requests reached the portal: none was refused and sent again");
        assertEquals(refusedBefore, metrics.counter("bitrix24.rate_limit.waits").count(), "no QUERY_LIMIT_EXCEEDED came back");
        assertTrue(seconds >= floor, "faster than the bucket drains is impossible without refusals: " + seconds);
        assertTrue(seconds <= 1.2 * floor, "within 1.2 times the floor: " + seconds);
    }

    @Test
    void of_two_hundred_calls_at_once_those_without_a_slot_in_time_are_refused_with_retry_after_and_none_by_the_portal() throws Exception {
        Portal portal = quietPortalWithBucket();
        int profilesBefore = portal.sim().restCallCount("profile");

        List<Outcome> outcomes = callAtOnce(200, i -> (i % 2 == 0 ? first : second)
                .call(portal.id(), ADMIN, "profile", Map.of(), client.deadline()));

        long succeeded = outcomes.stream().filter(Outcome::ok).count();
        List<Bitrix24Exception> refused = outcomes.stream().filter(outcome -> !outcome.ok()).map(Outcome::failure).toList();
        LOG.infof("200 calls at once within the test's 4 s: %d succeeded, %d refused", succeeded, refused.size());
        assertTrue(succeeded >= 48 && succeeded < 200, "the burst and what drains within the deadline succeed: " + succeeded);
        for (Bitrix24Exception failure : refused) {
            Bitrix24Exception.RateLimited limited = assertInstanceOf(Bitrix24Exception.RateLimited.class, failure);
            assertEquals("BUDGET_EXHAUSTED", limited.code());
            assertTrue(limited.retryAfterSeconds().orElseThrow() >= 1, "says when to come back");
        }
        assertEquals(succeeded, portal.sim().restCallCount("profile") - profilesBefore,
                "only the calls that succeeded reached the portal: it refused none");
    }

    @Test
    void query_limit_exceeded_anyway_fills_the_bucket_for_every_instance_and_the_retry_waits_for_a_slot() {
        Portal portal = quietPortalWithBucket();
        portal.sim().failNextCalls(1, 503, "QUERY_LIMIT_EXCEEDED");
        long waitsBefore = metrics.timer("bitrix24.budget.waits").count();

        assertEquals(ADMIN, first.call(portal.id(), ADMIN, "profile", Map.of(), client.deadline()).path("ID").asLong());

        assertEquals(waitsBefore + 1, metrics.timer("bitrix24.budget.waits").count(), "the retry waited for the budget");
        Object ahead = ((List<?>) Db.rows(em, "select extract(epoch from next_due - now()) from portal_budget where portal_id = ?1",
                portal.id())).get(0);
        double aheadSeconds = ((Number) ahead).doubleValue();
        assertTrue(aheadSeconds > 20, "the bucket is full, about 48 slots of 0.5 s ahead (unmarked it would be 1 s): " + aheadSeconds);
        second.call(portal.id(), ADMIN, "profile", Map.of(), client.deadline());
        assertEquals(waitsBefore + 2, metrics.timer("bitrix24.budget.waits").count(), "the other instance waits too");
    }

    @Test
    void background_calls_of_a_method_near_its_time_limit_are_paced_and_foreground_calls_are_not() {
        Portal portal = quietPortalWithBucket();
        // 420 s of 480 s used, halfway from the pacing threshold (360 s) to the limit: background calls wait half the time to the reset.
        portal.sim().operatingTime().spend("profile", 420, Instant.now().minus(Duration.ofMinutes(10)).plusSeconds(3));
        first.call(portal.id(), ADMIN, "profile", Map.of(), client.deadline());
        int profiles = portal.sim().restCallCount("profile");

        Bitrix24Exception.RateLimited paced = assertThrows(Bitrix24Exception.RateLimited.class, () -> first.call(portal.id(), ADMIN,
                "profile", Map.of(), Deadline.in(Duration.ofMillis(300)).inBackground()));
        assertEquals("METHOD_TIME_PACED", paced.code());
        long retryAfter = paced.retryAfterSeconds().orElseThrow();
        assertTrue(retryAfter >= 1 && retryAfter <= 2, "half of the 3 s to the reset, in whole seconds: " + retryAfter);
        assertEquals(profiles, portal.sim().restCallCount("profile"), "a paced call that cannot wait is not sent");

        long pacedBefore = metrics.timer("bitrix24.method_time.paced", "method", "profile").count();
        second.call(portal.id(), ADMIN, "profile", Map.of(), Deadline.in(Duration.ofSeconds(10)).inBackground());
        assertEquals(pacedBefore + 1, metrics.timer("bitrix24.method_time.paced", "method", "profile").count(),
                "the other instance paces the background call from the shared figure, then sends it");
        first.call(portal.id(), ADMIN, "profile", Map.of(), Deadline.in(Duration.ofMillis(300)));
        assertEquals(profiles + 2, portal.sim().restCallCount("profile"), "a person's call is not paced");
    }

    @Test
    void operation_time_limit_is_rate_limited_until_the_reported_reset_and_pauses_the_method_on_every_instance() {
        Portal portal = quietPortalWithBucket();
        portal.sim().operatingTime().spend("profile", 478, Instant.now().minus(Duration.ofMinutes(8)));
        portal.sim().operatingTime().setCost("profile", 5);
        first.call(portal.id(), ADMIN, "profile", Map.of(), client.deadline());

        Bitrix24Exception.RateLimited limited = assertThrows(Bitrix24Exception.RateLimited.class,
                () -> first.call(portal.id(), ADMIN, "profile", Map.of(), client.deadline()));
        int profiles = portal.sim().restCallCount("profile");
        Bitrix24Exception.RateLimited elsewhere = assertThrows(Bitrix24Exception.RateLimited.class,
                () -> second.call(portal.id(), ADMIN, "profile", Map.of(), client.deadline()));

        assertEquals("OPERATION_TIME_LIMIT", limited.code());
        long retryAfter = limited.retryAfterSeconds().orElseThrow();
        assertTrue(retryAfter > 110 && retryAfter <= 120, "until operating_reset_at: " + retryAfter);
        assertEquals("OPERATION_TIME_LIMIT", elsewhere.code());
        assertTrue(elsewhere.retryAfterSeconds().orElseThrow() > 110, "the pause is shared");
        assertEquals(profiles, portal.sim().restCallCount("profile"), "the paused method is not asked for again");
        assertTrue(first.call(portal.id(), ADMIN, "user.get", Map.of(), client.deadline()).isArray(), "other methods go on");
        assertThrows(Bitrix24Exception.RateLimited.class, () -> second.call(portal.id(), ADMIN, "profile", Map.of(), client.deadline()));
        assertEquals(profiles, portal.sim().restCallCount("profile"), "the paused method stays paused until the reported reset");
    }

    @Test
    void without_the_database_taking_a_slot_fails_at_once_as_an_outage_and_works_again_after() {
        Portal portal = quietPortalWithBucket();
        EmbeddedDatabase database = EmbeddedDatabase.of(em);
        database.stop();
        try {
            RuntimeException failure = assertThrows(RuntimeException.class,
                    () -> budget.take(portal.id(), portal.sim().clientEndpoint(), "profile", client.deadline()));
            assertTrue(DatabaseOutage.isCause(failure), "answered like every other outage (503 UNAVAILABLE): " + failure);
        } finally {
            database.start();
        }
        Awaits.until(() -> {
            try {
                budget.take(portal.id(), portal.sim().clientEndpoint(), "profile", client.deadline());
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }, Duration.ofSeconds(20), "the budget works again once the database is back");
    }

    interface Call {
        Object run(int index);
    }

    /** Runs {@code count} calls released together, one thread each, and collects how each ended. */
    private static List<Outcome> callAtOnce(int count, Call call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch ready = new CountDownLatch(count);
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<Outcome>> calls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                calls.add(CompletableFuture.supplyAsync(() -> {
                    ready.countDown();
                    try {
                        go.await();
                        call.run(index);
                        return new Outcome(true, null);
                    } catch (Bitrix24Exception e) {
                        return new Outcome(false, e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }, threads));
            }
            ready.await();
            go.countDown();
            List<Outcome> outcomes = new ArrayList<>();
            for (CompletableFuture<Outcome> each : calls) {
                outcomes.add(each.get());
            }
            return outcomes;
        } finally {
            threads.shutdownNow();
        }
    }
}
