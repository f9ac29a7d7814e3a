package com.crmcardlayouts.bench;

import com.crmcardlayouts.bitrix24.AppInstances;
import com.crmcardlayouts.bitrix24.ActingUser;
import com.crmcardlayouts.bitrix24.Bitrix24Client;
import com.crmcardlayouts.bitrix24.Profile;
import com.crmcardlayouts.bitrix24.Deadline;
import com.crmcardlayouts.simulator.SimPortal;
import com.crmcardlayouts.simulator.Simulator;
import com.crmcardlayouts.testing.Db;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.crmcardlayouts.simulator.SimUsers.ADMIN;
import static com.crmcardlayouts.testing.Bitrix24Requests.install;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Rerunnable benchmark of the per-portal request budget against the built-in simulator. Its name does
 * not end in {@code Test}, so the normal suite never runs it; run it on demand:
 * <pre>
 * ./mvnw -q -B test -Dtest=BudgetBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * It prints a Markdown table and writes it to {@code target/benchmark/budget.md}; figures come from one
 * run and are meant to be read as ratios. It asserts only correctness (every call answered), never time.
 * <ol>
 * <li><b>Two instances against the bucket</b>: 80 calls released at once, half from each of two clients with
 * their own budget state and Bitrix24's standard plan, to one portal with the simulator's leaky bucket on (2/s, 50).
 * Wall time versus the floor (80 - 50) / 2 = 15 s, and the refusals the portal answered (QUERY_LIMIT_EXCEEDED).</li>
 * <li><b>What a slot costs</b>: median and p95 latency of one {@code profile} call with a budget that never waits
 * (the reservation statement still runs) versus the same call from an instance without the budget, interleaved.</li>
 * </ol>
 */
@QuarkusTest
class BudgetBenchmark {

    private static final int CALLS = 80;
    private static final int WARMUP = 100;
    private static final int ITERATIONS = 400;

    @Inject
    Simulator simulator;
    @Inject
    Bitrix24Client client;
    @Inject
    MeterRegistry metrics;
    @Inject
    EntityManager em;

    @Test
    void budget() throws Exception {
        SimPortal bucketed = simulator.createPortal();
        install(bucketed);
        long bucketedId = Db.portal(bucketed.memberId()).id;
        // Both buckets start empty: the simulator's is emptied when switched on, the app's forgets the install's calls.
        bucketed.setLeakyBucket(true);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from portal_budget where portal_id = ?1")
                .setParameter(1, bucketedId).executeUpdate());
        int before = bucketed.restCallCount("profile");
        double refusedBefore = metrics.counter("bitrix24.rate_limit.waits").count();
        double wall = eightyAtOnce(bucketedId, AppInstances.onStandardPlan(), AppInstances.onStandardPlan());
        int refused = (int) (metrics.counter("bitrix24.rate_limit.waits").count() - refusedBefore);
        assertEquals(CALLS + refused, bucketed.restCallCount("profile") - before);

        SimPortal plain = simulator.createPortal();
        install(plain);
        long plainId = Db.portal(plain.memberId()).id;
        Bitrix24Client roomy = AppInstances.withBudget(1_000_000, 1_000_000);
        Bitrix24Client bare = AppInstances.withoutBudget();
        long[] withNanos = new long[ITERATIONS];
        long[] withoutNanos = new long[ITERATIONS];
        for (int i = -WARMUP; i < ITERATIONS; i++) {
            long with = timed(roomy, plainId);
            long without = timed(bare, plainId);
            if (i >= 0) {
                withNanos[i] = with;
                withoutNanos[i] = without;
            }
        }

        double floor = (CALLS - 50) / 2.0;
        StringBuilder report = new StringBuilder("| Measure | Value |\n|---|---|\n");
        row(report, "80 calls from two instances, wall time (s)", String.format("%.2f", wall));
        row(report, "Floor (80 - 50) / 2 (s)", String.format("%.0f", floor));
        row(report, "Wall time / floor", String.format("%.3f", wall / floor));
        row(report, "QUERY_LIMIT_EXCEEDED answered by the portal", String.valueOf(refused));
        row(report, "Call with budget, median (ms)", ms(percentile(withNanos, 50)));
        row(report, "Call without budget, median (ms)", ms(percentile(withoutNanos, 50)));
        row(report, "Added by the budget, median (ms)", ms(percentile(withNanos, 50) - percentile(withoutNanos, 50)));
        row(report, "Call with budget, p95 (ms)", ms(percentile(withNanos, 95)));
        row(report, "Call without budget, p95 (ms)", ms(percentile(withoutNanos, 95)));
        row(report, "Added by the budget, p95 (ms)", ms(percentile(withNanos, 95) - percentile(withoutNanos, 95)));
        System.out.println(report);
        Path out = Path.of("target", "benchmark", "budget.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
    }

    private double eightyAtOnce(long portalId, Bitrix24Client first, Bitrix24Client second) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(CALLS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                Bitrix24Client instance = i % 2 == 0 ? first : second;
                calls.add(threads.submit(() -> {
                    go.await();
                    return instance.call(ActingUser.of(portalId, ADMIN), Profile.current(), Deadline.in(Duration.ofSeconds(40)));
                }));
            }
            long started = System.nanoTime();
            go.countDown();
            for (Future<?> call : calls) {
                call.get();
            }
            return (System.nanoTime() - started) / 1e9;
        } finally {
            threads.shutdownNow();
        }
    }

    private long timed(Bitrix24Client instance, long portalId) {
        long started = System.nanoTime();
        instance.call(ActingUser.of(portalId, ADMIN), Profile.current(), client.deadline());
        return System.nanoTime() - started;
    }

    private static long percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static String ms(long nanos) {
        return String.format("%.3f", nanos / 1e6);
    }

    private static void row(StringBuilder report, String measure, String value) {
        report.append("| ").append(measure).append(" | ").append(value).append(" |\n");
    }
}
