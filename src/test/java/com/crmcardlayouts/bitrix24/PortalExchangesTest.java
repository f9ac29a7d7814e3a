package com.crmcardlayouts.bitrix24;

import com.crmcardlayouts.simulator.SimPortal;
import com.crmcardlayouts.simulator.Simulator;
import com.crmcardlayouts.testing.Db;
import com.crmcardlayouts.testing.Latches;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static com.crmcardlayouts.simulator.SimUsers.ADMIN;
import static com.crmcardlayouts.testing.Bitrix24Requests.install;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the app does with a portal's HTTP answers and addresses: a real HTTP server stands in for
 * portals that answer too much, too slowly or not at all, and a scripted resolver for DNS.
 */
@QuarkusTest
class PortalExchangesTest {

    private static final int THREE_MIB = 3 * 1024 * 1024;

    /** A portal's REST API as the app sees it over HTTP; which way it misbehaves is the path's first segment. */
    static final class StandIn {
        final Vertx vertx = Vertx.vertx();
        final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
        final List<String> hosts = new CopyOnWriteArrayList<>();
        final List<HttpServerRequest> held = new CopyOnWriteArrayList<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger mostInFlight = new AtomicInteger();
        HttpServer server;

        void start() throws Exception {
            server = vertx.createHttpServer().requestHandler(this::answer).listen(0, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }

        String endpoint(String kind) {
            return "http://127.0.0.1:" + server.actualPort() + "/" + kind + "/rest/";
        }

        int requests(String kind, String method) {
            return requests.computeIfAbsent("/" + kind + "/rest/" + method, path -> new AtomicInteger()).get();
        }

        private void answer(HttpServerRequest request) {
            requests.computeIfAbsent(request.path(), path -> new AtomicInteger()).incrementAndGet();
            String kind = request.path().split("/")[1];
            switch (kind) {
                case "large" -> request.response().putHeader("Content-Type", "application/json")
                        .end(Buffer.buffer("{\"result\":\"" + "x".repeat(THREE_MIB) + "\"}"));
                case "large-chunked" -> {
                    request.response().setChunked(true).putHeader("Content-Type", "application/json").write("{\"result\":\"");
                    for (int i = 0; i < 48; i++) {
                        request.response().write("x".repeat(64 * 1024));
                    }
                    request.response().end("\"}");
                }
                case "slow" -> vertx.setTimer(1500, timer -> request.response().end("{\"result\":{\"ID\":\"1\"}}"));
                case "hanging" -> {
                    mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    held.add(request);
                }
                default -> {
                    hosts.add(request.getHeader("Host"));
                    request.response().putHeader("Content-Type", "application/json").end("{\"result\":{\"ID\":\"1\"}}");
                }
            }
        }

        void releaseHeld() {
            // One by one: a request arriving meanwhile stays held for the next round rather than being dropped.
            for (HttpServerRequest request : held) {
                held.remove(request);
                inFlight.decrementAndGet();
                request.response().end("{\"result\":{\"ID\":\"1\"}}");
            }
        }

        void stop() {
            vertx.close();
        }
    }

    static final StandIn portalServer = new StandIn();

    @Inject
    Simulator simulator;
    @Inject
    Bitrix24Client client;
    @Inject
    OAuthServer oauth;
    @Inject
    EntityManager em;

    @BeforeAll
    static void startServer() throws Exception {
        portalServer.start();
    }

    @AfterAll
    static void stopServer() {
        portalServer.stop();
    }

    @BeforeEach
    void clearCounts() {
        portalServer.requests.clear();
        portalServer.hosts.clear();
    }

    @Test
    void a_portal_answer_over_2_mib_is_refused_as_unavailable_whether_announced_or_streamed() {
        long announced = portalAt(portalServer.endpoint("large"));
        long streamed = portalAt(portalServer.endpoint("large-chunked"));

        Bitrix24Exception tooLarge = assertThrows(Bitrix24Exception.Unavailable.class,
                () -> client.call(announced, ADMIN, "profile", Map.of(), client.deadline()));
        Bitrix24Exception tooLong = assertThrows(Bitrix24Exception.Unavailable.class,
                () -> client.call(streamed, ADMIN, "profile", Map.of(), client.deadline()));

        assertEquals("ANSWER_TOO_LARGE", tooLarge.code());
        assertEquals("ANSWER_TOO_LARGE", tooLong.code());
        assertEquals(1, portalServer.requests("large", "profile"), "a too large answer is not asked for again");
    }

    @Test
    void one_deadline_is_shared_by_the_calls_of_a_request() {
        long portalId = portalAt(portalServer.endpoint("slow"));
        Deadline request = Deadline.in(Duration.ofMillis(800));

        Bitrix24Exception first = assertThrows(Bitrix24Exception.Unavailable.class,
                () -> client.call(portalId, ADMIN, "profile", Map.of(), request));
        Bitrix24Exception second = assertThrows(Bitrix24Exception.RateLimited.class,
                () -> client.call(portalId, ADMIN, "user.get", Map.of(), request));

        assertEquals("HTTP_599", first.code(), "the first call is cut off when the request's time is up");
        assertEquals("DEADLINE_PASSED", second.code());
        assertEquals(1, portalServer.requests("slow", "profile"), "no retry once the deadline has passed");
        assertEquals(0, portalServer.requests("slow", "user.get"), "the second call never reaches the portal");
    }

    @Test
    void a_portal_whose_calls_hang_cannot_block_another_portals_requests() throws Exception {
        long hanging = portalAt(portalServer.endpoint("hanging"));
        SimPortal other = installedPortal();
        long otherId = Db.portal(other.memberId()).id;
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            Deadline theirs = Deadline.in(Duration.ofSeconds(30));
            List<CompletableFuture<String>> calls = new ArrayList<>();
            CountDownLatch started = new CountDownLatch(16);
            for (int i = 0; i < 16; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> {
                    started.countDown();
                    return client.call(hanging, ADMIN, "profile", Map.of(), theirs).path("ID").asText();
                }, threads));
            }
            assertTrue(started.await(10, TimeUnit.SECONDS));
            awaitInFlight(4);
            Thread.sleep(200); // lets the last of the sixteen get from the latch to the portal's queue

            assertEquals("1", client.call(otherId, ADMIN, "profile", Map.of(), client.deadline()).path("ID").asText(),
                    "another portal is answered while this one hangs");
            Bitrix24Exception refused = assertThrows(Bitrix24Exception.RateLimited.class,
                    () -> client.call(hanging, ADMIN, "profile", Map.of(), Deadline.in(Duration.ofMillis(300))));
            assertEquals("PORTAL_BUSY", refused.code(), "while four are in progress, a call that cannot wait long is refused");
            assertEquals(4, portalServer.inFlight.get(), "only four of the sixteen reach the hanging portal");

            releaseUntilDone(calls);
            for (CompletableFuture<String> call : calls) {
                assertEquals("1", call.get(10, TimeUnit.SECONDS), "the waiting ones go on once slots are free");
            }
            assertEquals(4, portalServer.mostInFlight.get());
        } finally {
            portalServer.releaseHeld();
            threads.shutdownNow();
        }
    }

    @Test
    void the_app_connects_to_the_address_its_one_lookup_named_and_keeps_the_host_name() {
        int port = portalServer.server.actualPort();
        long portalId = portalAt("http://portal.pinned.test:" + port + "/ok/rest/");
        CountingResolver resolver = new CountingResolver(InetAddress.getLoopbackAddress());
        QuarkusMock.installMockForType(resolver, HostResolver.class);

        assertEquals("1", client.call(portalId, ADMIN, "profile", Map.of(), client.deadline()).path("ID").asText());

        assertEquals(List.of("portal.pinned.test"), resolver.asked);
        assertEquals(List.of("portal.pinned.test:" + port), portalServer.hosts, "the Host header names the portal, not the address");
    }

    @Test
    void a_dns_lookup_that_hangs_is_given_up_after_its_time_limit() {
        long portalId = portalAt("http://portal.hanging-dns.test/rest/");
        CountDownLatch never = new CountDownLatch(1);
        QuarkusMock.installMockForType(new HostResolver() {
            @Override
            InetAddress[] lookUp(String host) throws UnknownHostException {
                Latches.await(never);
                throw new UnknownHostException(host);
            }
        }, HostResolver.class);
        try {
            Bitrix24Exception failed = assertThrows(Bitrix24Exception.Unavailable.class,
                    () -> client.call(portalId, ADMIN, "profile", Map.of(), client.deadline()));

            assertEquals("DNS_TIMEOUT", failed.code());
            assertEquals(1, never.getCount(), "the call ended while the lookup still hangs");
        } finally {
            never.countDown();
        }
    }

    /** Answers each lookup with the next of its addresses (the last one from then on), and records the names asked. */
    static final class CountingResolver extends HostResolver {
        final List<String> asked = new CopyOnWriteArrayList<>();
        private final InetAddress[] answers;

        CountingResolver(InetAddress... answers) {
            this.answers = answers;
        }

        @Override
        InetAddress[] lookUp(String host) {
            asked.add(host);
            return new InetAddress[]{answers[Math.min(asked.size(), answers.length) - 1]};
        }
    }

    /** Answers whatever the hanging portal holds, round after round, until every call has its answer. */
    private static void releaseUntilDone(List<CompletableFuture<String>> calls) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (calls.stream().anyMatch(call -> !call.isDone())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The calls to the hanging portal did not all end");
            }
            portalServer.releaseHeld();
            Thread.sleep(20);
        }
    }

    private void awaitInFlight(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (portalServer.inFlight.get() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The hanging portal never had " + count + " requests in progress");
            }
            Thread.sleep(20);
        }
    }

    /** A portal installed from the simulator whose stored endpoint is then moved to {@code endpoint}. */
    private long portalAt(String endpoint) {
        long portalId = Db.portal(installedPortal().memberId()).id;
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update portal set client_endpoint = ?1 where id = ?2")
                .setParameter(1, endpoint).setParameter(2, portalId).executeUpdate());
        return portalId;
    }

    private SimPortal installedPortal() {
        SimPortal portal = simulator.createPortal();
        install(portal);
        return portal;
    }
}
