package com.crmcardlayouts.portal;

import com.crmcardlayouts.testing.Db;
import com.crmcardlayouts.testing.Latches;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-portal lock, on a real PostgreSQL: one holder at a time, and never left behind. */
@QuarkusTest
class PortalLockTest {

    @Inject
    PortalLock lock;
    @Inject
    EntityManager em;

    @Test
    void while_one_holds_a_portal_another_is_refused_or_waits_in_vain_and_other_portals_are_free() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Optional<String>> holder = CompletableFuture.supplyAsync(() -> lock.tryWhileHeld(901, () -> {
            held.countDown();
            Latches.await(release);
            return "first";
        }));
        try {
            assertTrue(held.await(10, TimeUnit.SECONDS));

            assertEquals(Optional.empty(), lock.tryWhileHeld(901, () -> "second"));
            assertThrows(PortalLock.Busy.class, () -> lock.whileHeld(901, Duration.ofMillis(200), () -> "second"));
            assertEquals(Optional.of("other"), lock.tryWhileHeld(902, () -> "other"));
        } finally {
            release.countDown();
        }
        assertEquals(Optional.of("first"), holder.get(10, TimeUnit.SECONDS));
        assertEquals(0, advisoryLocksOn(901), "the lock ends with its work, whichever pooled connection held it");
        assertEquals("after", lock.whileHeld(901, Duration.ofMillis(200), () -> "after"));
    }

    @Test
    void a_waiting_request_takes_the_lock_once_it_is_free() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Optional<String>> holder = CompletableFuture.supplyAsync(() -> lock.tryWhileHeld(904, () -> {
            held.countDown();
            Latches.await(release);
            return "first";
        }));
        assertTrue(held.await(10, TimeUnit.SECONDS));
        CompletableFuture<String> waiter = CompletableFuture.supplyAsync(() -> lock.whileHeld(904, Duration.ofSeconds(20), () -> "second"));
        Thread.sleep(300);
        assertFalse(waiter.isDone(), "it waits while the lock is held");
        release.countDown();

        assertEquals(Optional.of("first"), holder.get(10, TimeUnit.SECONDS));
        assertEquals("second", waiter.get(10, TimeUnit.SECONDS));
    }

    @Test
    void an_instance_holds_at_most_eight_locks_so_the_work_inside_finds_pooled_connections() throws Exception {
        CountDownLatch allHeld = new CountDownLatch(8);
        CountDownLatch release = new CountDownLatch(1);
        List<CompletableFuture<Optional<Long>>> holders = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(9);
        try {
            for (long portal = 911; portal <= 918; portal++) {
                long id = portal;
                holders.add(CompletableFuture.supplyAsync(() -> lock.tryWhileHeld(id, () -> {
                    allHeld.countDown();
                    Latches.await(release);
                    return id;
                }), threads));
            }
            assertTrue(allHeld.await(10, TimeUnit.SECONDS));
            CompletableFuture<Optional<String>> ninth = CompletableFuture.supplyAsync(() -> lock.tryWhileHeld(919, () -> "ninth"), threads);
            Thread.sleep(300);
            assertFalse(ninth.isDone(), "a ninth holder waits for a free slot");
            release.countDown();

            assertEquals(Optional.of("ninth"), ninth.get(10, TimeUnit.SECONDS));
            for (CompletableFuture<Optional<Long>> holder : holders) {
                assertTrue(holder.get(10, TimeUnit.SECONDS).isPresent());
            }
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void waiters_of_a_held_portal_take_none_of_the_instances_lock_slots() throws Exception {
        CountDownLatch allHeld = new CountDownLatch(8);
        CountDownLatch releaseOthers = new CountDownLatch(1);
        CountDownLatch releaseBusy = new CountDownLatch(1);
        AtomicInteger inBusyPortal = new AtomicInteger();
        AtomicInteger mostInBusyPortal = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(24);
        try {
            CompletableFuture<Optional<String>> busyHolder = CompletableFuture.supplyAsync(() -> lock.tryWhileHeld(930, () -> {
                allHeld.countDown();
                Latches.await(releaseBusy);
                return "held";
            }), threads);
            List<CompletableFuture<Optional<Long>>> others = new ArrayList<>();
            for (long portal = 931; portal <= 937; portal++) {
                long id = portal;
                others.add(CompletableFuture.supplyAsync(() -> lock.tryWhileHeld(id, () -> {
                    allHeld.countDown();
                    Latches.await(releaseOthers);
                    return id;
                }), threads));
            }
            assertTrue(allHeld.await(10, TimeUnit.SECONDS), "eight portals hold all eight slots");
            List<CompletableFuture<String>> waiters = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                waiters.add(CompletableFuture.supplyAsync(() -> lock.whileHeld(930, Duration.ofSeconds(30), () -> {
                    mostInBusyPortal.accumulateAndGet(inBusyPortal.incrementAndGet(), Math::max);
                    inBusyPortal.decrementAndGet();
                    return "waited";
                }), threads));
            }

            // With every slot taken, asking for the held portal again answers at once rather than queueing for a slot.
            assertEquals(Optional.empty(), lock.tryWhileHeld(930, () -> "again"));
            releaseOthers.countDown();
            for (CompletableFuture<Optional<Long>> other : others) {
                assertTrue(other.get(10, TimeUnit.SECONDS).isPresent());
            }
            // Twelve waiters of portal 930 leave the seven freed slots to other portals.
            assertEquals(Optional.of("free"), lock.tryWhileHeld(938, () -> "free"));
            assertFalse(waiters.stream().anyMatch(CompletableFuture::isDone), "they wait while the portal is held");

            releaseBusy.countDown();
            assertEquals(Optional.of("held"), busyHolder.get(10, TimeUnit.SECONDS));
            for (CompletableFuture<String> waiter : waiters) {
                assertEquals("waited", waiter.get(30, TimeUnit.SECONDS));
            }
            assertEquals(1, mostInBusyPortal.get(), "one holder of the portal at a time");
        } finally {
            releaseOthers.countDown();
            releaseBusy.countDown();
            threads.shutdownNow();
        }
    }

    private long advisoryLocksOn(long portalId) {
        return Db.count(em, "select count(*) from pg_locks where locktype = 'advisory' and classid::bigint = ?1 and objid::bigint = ?2",
                (long) PortalLock.BINDINGS, portalId);
    }

    @Test
    void work_that_fails_releases_the_lock() {
        assertThrows(IllegalArgumentException.class, () -> lock.tryWhileHeld(903, () -> {
            throw new IllegalArgumentException("boom");
        }));
        assertEquals(Optional.of("again"), lock.tryWhileHeld(903, () -> "again"));
    }

}
