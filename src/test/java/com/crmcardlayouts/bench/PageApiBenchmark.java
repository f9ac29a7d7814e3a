package com.crmcardlayouts.bench;

import com.crmcardlayouts.bitrix24.ActingUser;
import com.crmcardlayouts.bitrix24.Profile;
import com.crmcardlayouts.bitrix24.Bitrix24Client;
import com.crmcardlayouts.portal.TokenStore;
import com.crmcardlayouts.simulator.SimPortal;
import com.crmcardlayouts.simulator.Simulator;
import com.crmcardlayouts.testing.Db;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.crmcardlayouts.simulator.SimUsers.ADMIN;
import static com.crmcardlayouts.simulator.SimUsers.PLAIN_USER;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rerunnable benchmark of the page API against the built-in Bitrix24 simulator. Its name does not end
 * in {@code Test}, so the normal suite never runs it; run it on demand:
 * <pre>
 * ./mvnw -q -B test -Dtest=PageApiBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * It prints a Markdown table and writes it to {@code target/benchmark/page-api.md}. All figures come
 * from one run, after a warm-up, and are meant to be read as ratios: absolute times depend on the
 * machine and its load. It asserts only correctness (every call answered 200, one refresh per
 * expiry), never time.
 * <ol>
 * <li><b>Page API overhead</b>: median and p95 latency of {@code POST /api/card-layouts/reset} (a user
 * resetting their own seeded deal layout: session check, settings, audit journal, token decryption and
 * the Bitrix24 call) versus the bare {@code crm.item.details.configuration.reset} it makes, posted
 * straight to the simulator's REST endpoint with the same user's stored access token. The two series
 * are interleaved and share one HTTP client. Ratio app/bare: what the app adds to a Bitrix24 call.</li>
 * <li><b>Concurrency</b>: throughput of the page API with 1 and with 8 concurrent callers (users 1-5 in
 * turn, each resetting their own layout). Ratio 8/1: how well the API scales on this machine.</li>
 * <li><b>Refresh coalescing</b>: 20 callers of {@link Bitrix24Client#call} released at once right after
 * {@link SimPortal#expireAllAccessTokens()} (refresh requests per round, median wall time per round)
 * versus 20 callers with a fresh token. Ratio expired/fresh: the price of an expiry for a burst.</li>
 * </ol>
 */
@QuarkusTest
class PageApiBenchmark {

    private static final int WARMUP = 100;
    private static final int ITERATIONS = 300;
    private static final int CALLERS = 8;
    private static final int BURST = 20;
    private static final int BURST_WARMUP = 5;
    private static final int BURST_ROUNDS = 30;
    private static final int USERS = 5;
    private static final String LAYOUT = "deal_details";
    private static final String PAGE_BODY = "{\"entityTypeId\":2,\"scope\":\"P\",\"categoryId\":0}";
    private static final String BARE_BODY = "{\"entityTypeId\":2,\"scope\":\"P\",\"userId\":%d,\"extras\":{\"dealCategoryId\":0}}";
    private static final Pattern SESSION = Pattern.compile("<meta name=\"app-session\" content=\"([^\"]+)\">");

    @Inject
    Simulator simulator;
    @Inject
    Bitrix24Client client;
    @Inject
    TokenStore tokens;
    @TestHTTPResource("/api/card-layouts/reset")
    URI resetUri;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void measure() throws Exception {
        StringBuilder report = new StringBuilder("## Page API benchmark\n\n").append(machine()).append('\n');
        report.append("| Figure | App | Baseline | Ratio |\n|---|---|---|---|\n");

        SimPortal portal = install();
        long portalId = Db.portal(portal.memberId()).id;
        String[] sessions = new String[USERS + 1];
        for (long user = 1; user <= USERS; user++) {
            sessions[(int) user] = session(portal, user);
        }
        String token = tokens.find(portalId, PLAIN_USER).orElseThrow().tokens().accessToken();
        URI bareUri = URI.create(portal.clientEndpoint() + "crm.item.details.configuration.reset");
        HttpRequest app = post(resetUri, sessions[(int) PLAIN_USER], PAGE_BODY);
        HttpRequest bare = post(bareUri, token, BARE_BODY.formatted(PLAIN_USER));

        // 1. Page API overhead: interleaved, so both series see the same machine load.
        for (int i = 0; i < WARMUP; i++) {
            resetOnce(portal, PLAIN_USER, app);
            resetOnce(portal, PLAIN_USER, bare);
        }
        long[] appNanos = new long[ITERATIONS];
        long[] bareNanos = new long[ITERATIONS];
        for (int i = 0; i < ITERATIONS; i++) {
            appNanos[i] = resetOnce(portal, PLAIN_USER, app);
            bareNanos[i] = resetOnce(portal, PLAIN_USER, bare);
        }
        Arrays.sort(appNanos);
        Arrays.sort(bareNanos);
        row(report, "Reset latency, median (ms)", ms(percentile(appNanos, 50)), ms(percentile(bareNanos, 50)));
        row(report, "Reset latency, p95 (ms)", ms(percentile(appNanos, 95)), ms(percentile(bareNanos, 95)));

        // 2. Concurrency: the same number of requests with 1 and with 8 callers.
        ExecutorService pool = Executors.newFixedThreadPool(BURST);
        try {
            throughput(pool, portal, sessions, CALLERS, WARMUP);
            double single = throughput(pool, portal, sessions, 1, ITERATIONS);
            double parallel = throughput(pool, portal, sessions, CALLERS, ITERATIONS);
            row(report, "Page API throughput, " + CALLERS + " vs 1 callers (req/s)", parallel, single);

            // 3. Refresh coalescing, on a portal of its own: expiring tokens must not disturb the series above.
            SimPortal burstPortal = install();
            long burstPortalId = Db.portal(burstPortal.memberId()).id;
            Callable<String> profile = () -> String.valueOf(client.call(ActingUser.of(burstPortalId, ADMIN), Profile.current(), client.deadline()).id());
            long[] expired = new long[BURST_ROUNDS];
            long[] fresh = new long[BURST_ROUNDS];
            int minRefreshes = Integer.MAX_VALUE;
            int maxRefreshes = 0;
            for (int round = -BURST_WARMUP; round < BURST_ROUNDS; round++) {
                burstPortal.expireAllAccessTokens();
                int before = burstPortal.refreshCount(ADMIN);
                long expiredNanos = burst(pool, profile);
                int refreshes = burstPortal.refreshCount(ADMIN) - before;
                assertEquals(1, refreshes, "one refresh per expiry");
                long freshNanos = burst(pool, profile);
                assertEquals(before + 1, burstPortal.refreshCount(ADMIN), "a fresh token is not refreshed");
                if (round >= 0) {
                    expired[round] = expiredNanos;
                    fresh[round] = freshNanos;
                    minRefreshes = Math.min(minRefreshes, refreshes);
                    maxRefreshes = Math.max(maxRefreshes, refreshes);
                }
            }
            Arrays.sort(expired);
            Arrays.sort(fresh);
            report.append("| OAuth refresh requests per burst of ").append(BURST).append(" after expiry | ")
                    .append(minRefreshes == maxRefreshes ? minRefreshes : minRefreshes + "-" + maxRefreshes)
                    .append(" | 0 | |\n");
            row(report, "Burst of " + BURST + " calls, expired vs fresh token, median wall (ms)",
                    ms(percentile(expired, 50)), ms(percentile(fresh, 50)));
        } finally {
            pool.shutdownNow();
        }

        System.out.println("\n" + report);
        Path file = Path.of("target", "benchmark", "page-api.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
    }

    /** Seeds the user's layout, sends one reset, checks it answered and removed the layout; returns its nanos. */
    private long resetOnce(SimPortal portal, long user, HttpRequest request) throws Exception {
        portal.seedPersonalLayout(LAYOUT, user);
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long nanos = System.nanoTime() - start;
        assertOk(response);
        assertTrue(portal.editorOption(LAYOUT, user, false).isEmpty(), "the layout was reset");
        return nanos;
    }

    /** Requests per second of {@code requests} page API resets shared among {@code callers} threads. */
    private double throughput(ExecutorService pool, SimPortal portal, String[] sessions, int callers, int requests)
            throws Exception {
        AtomicInteger left = new AtomicInteger(requests);
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            long user = c % USERS + 1;
            HttpRequest request = post(resetUri, sessions[(int) user], PAGE_BODY);
            tasks.add(() -> {
                while (left.getAndDecrement() > 0) {
                    portal.seedPersonalLayout(LAYOUT, user);
                    assertOk(http.send(request, HttpResponse.BodyHandlers.ofString()));
                }
                return null;
            });
        }
        long nanos = together(pool, tasks);
        return requests / (nanos / 1e9);
    }

    /** Wall nanos of {@link #BURST} simultaneous client calls, each checked. */
    private long burst(ExecutorService pool, Callable<String> call) throws Exception {
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            tasks.add(() -> {
                assertEquals("1", call.call());
                return null;
            });
        }
        return together(pool, tasks);
    }

    /** Starts the tasks at one instant, once all threads wait, and returns the nanos until the last ends. */
    private static long together(ExecutorService pool, List<Callable<Void>> tasks) throws Exception {
        CountDownLatch ready = new CountDownLatch(tasks.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Void>> futures = new ArrayList<>();
        for (Callable<Void> task : tasks) {
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                return task.call();
            }));
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        for (Future<Void> future : futures) {
            future.get();
        }
        return System.nanoTime() - start;
    }

    private SimPortal install() {
        SimPortal portal = simulator.createPortal();
        given().contentType(ContentType.URLENC.withCharset("UTF-8")).queryParam("LANG", "en")
                .formParams(portal.frameForm(ADMIN, "DEFAULT", null))
                .post("/bitrix24/install").then().statusCode(200);
        return portal;
    }

    /** Opens the deal tab for the user, as Bitrix24 does, and returns its app-session. */
    private static String session(SimPortal portal, long user) {
        String page = given().contentType(ContentType.URLENC.withCharset("UTF-8")).queryParam("LANG", "en")
                .formParams(portal.frameForm(user, "CRM_DEAL_DETAIL_TAB", "{\"ID\":\"1\"}"))
                .post("/bitrix24/placement").then().statusCode(200).extract().asString();
        Matcher matcher = SESSION.matcher(page);
        assertTrue(matcher.find(), "the tab carries an app-session");
        return matcher.group(1);
    }

    private static HttpRequest post(URI uri, String bearer, String json) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static void assertOk(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response::body);
        assertTrue(response.body().contains("\"result\":true"), response::body);
    }

    private static long percentile(long[] sorted, int p) {
        return sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static void row(StringBuilder report, String figure, double app, double baseline) {
        report.append("| ").append(figure).append(" | %.2f | %.2f | %.2f |%n".formatted(app, baseline, app / baseline));
    }

    private static String machine() {
        Runtime runtime = Runtime.getRuntime();
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return ("Machine: %d cores available to the JVM, load average %.2f at start, %s %s (%s), max heap %d MiB, %s %s. "
                + "Series of %d after %d warm-up; bursts: %d rounds of %d callers.%n")
                .formatted(runtime.availableProcessors(), load, System.getProperty("java.vm.name"),
                        System.getProperty("java.vm.version"), System.getProperty("java.vm.vendor"),
                        runtime.maxMemory() >> 20, System.getProperty("os.name"), System.getProperty("os.arch"),
                        ITERATIONS, WARMUP, BURST_ROUNDS, BURST);
    }
}
