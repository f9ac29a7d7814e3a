package com.crmcardlayouts.bitrix24;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PortalSlotsTest {

    private final PortalSlots slots = new PortalSlots(4);

    @Test
    void a_portal_has_four_slots_a_fifth_caller_waits_within_its_deadline_and_other_portals_are_free() {
        List<PortalSlots.Slot> taken = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            taken.add(slots.take(1, Deadline.in(Duration.ofSeconds(10))));
        }

        Bitrix24Exception refused = assertThrows(Bitrix24Exception.RateLimited.class, () -> slots.take(1, Deadline.in(Duration.ofMillis(50))));
        assertEquals("PORTAL_BUSY", refused.code());
        slots.take(2, Deadline.in(Duration.ZERO)).close();

        taken.remove(0).close();
        slots.take(1, Deadline.in(Duration.ZERO)).close();
        taken.forEach(PortalSlots.Slot::close);
    }

    @Test
    void once_thirty_two_wait_for_a_portal_the_next_caller_is_refused_at_once() throws Exception {
        List<PortalSlots.Slot> taken = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            taken.add(slots.take(7, Deadline.in(Duration.ofSeconds(30))));
        }
        List<Thread> waiterThreads = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(PortalSlots.WAITING, runnable -> {
            Thread thread = new Thread(runnable);
            waiterThreads.add(thread);
            return thread;
        });
        try {
            List<CompletableFuture<Void>> waiters = new ArrayList<>();
            for (int i = 0; i < PortalSlots.WAITING; i++) {
                waiters.add(CompletableFuture.runAsync(() -> slots.take(7, Deadline.in(Duration.ofSeconds(30))).close(), threads));
            }
            awaitAllParked(waiterThreads);

            // Its deadline would let it wait 30 s; it is refused without waiting, which no deadline could explain.
            Bitrix24Exception refused = assertThrows(Bitrix24Exception.RateLimited.class,
                    () -> slots.take(7, Deadline.in(Duration.ofSeconds(30))));
            assertEquals("PORTAL_BUSY", refused.code());

            taken.forEach(PortalSlots.Slot::close);
            for (CompletableFuture<Void> waiter : waiters) {
                waiter.get(10, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** Every waiter is parked inside {@code take}, i.e. already counted as waiting. */
    private static void awaitAllParked(List<Thread> threads) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (threads.size() < PortalSlots.WAITING || threads.stream().anyMatch(t -> t.getState() != Thread.State.TIMED_WAITING)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The waiters did not all start waiting");
            }
            Thread.sleep(10);
        }
    }
}
