package com.crmcardlayouts.bitrix24;

import com.crmcardlayouts.config.Bitrix24Config;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Caps the Bitrix24 exchanges one portal has in progress on this instance
 * ({@code bitrix24.portal-concurrency}), so that a portal whose calls hang or crawl cannot take every
 * worker thread and connection from the others. A caller waits for a slot within its own deadline;
 * at most {@link #WAITING} may wait per portal, enough for a burst of users opening their cards at
 * once; further ones are refused at once: a queue that long means the portal is not answering, and
 * each waiter holds a worker thread.
 */
@ApplicationScoped
class PortalSlots {

    /** One slot in use; closing it frees it. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    private record Gate(Semaphore admitted, Semaphore working) {
    }

    static final int WAITING = 32;

    private final int perPortal;
    // One entry per portal this instance has called: a few small objects each, bounded by the portals served.
    private final ConcurrentHashMap<Long, Gate> gates = new ConcurrentHashMap<>();

    @Inject
    PortalSlots(Bitrix24Config config) {
        this(config.portalConcurrency());
    }

    PortalSlots(int perPortal) {
        this.perPortal = perPortal;
    }

    /**
     * @throws Bitrix24Exception.RateLimited when the portal's slots stay taken until the deadline, or too many wait already
     */
    Slot take(long portalId, Deadline deadline) {
        Gate gate = gates.computeIfAbsent(portalId,
                id -> new Gate(new Semaphore(perPortal + WAITING), new Semaphore(perPortal, true)));
        if (!gate.admitted().tryAcquire()) {
            throw busy();
        }
        boolean working = false;
        try {
            working = gate.working().tryAcquire(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (!working) {
                gate.admitted().release();
            }
        }
        if (!working) {
            throw busy();
        }
        return () -> {
            gate.working().release();
            gate.admitted().release();
        };
    }

    private static Bitrix24Exception busy() {
        return new Bitrix24Exception.RateLimited("PORTAL_BUSY",
                "This portal's earlier requests to Bitrix24 are still waiting for answers; try again in a moment");
    }
}
