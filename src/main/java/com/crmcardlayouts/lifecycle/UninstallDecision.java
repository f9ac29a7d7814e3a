package com.crmcardlayouts.lifecycle;

import com.crmcardlayouts.portal.DatabaseOutage;
import com.crmcardlayouts.portal.Portal;
import com.crmcardlayouts.portal.PortalRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks an {@code ONAPPUNINSTALL} that carries the stored application token ({@link AccessCheck}) and acts on
 * the verdict, on a worker thread: a refresh must never be cut short by the event's deadline, and a token row
 * locked by a refresh in flight must not hold the answer up. Bitrix24 waits 2 s and never retries, so the event
 * waits for the verdict only within {@link #BUDGET}; a verdict that comes later is still acted on (uninstall or
 * refusal, logged and journaled) once the OAuth server has answered and any rotated pair is stored.
 */
@ApplicationScoped
class UninstallDecision {

    private static final Logger LOG = Logger.getLogger(UninstallDecision.class);
    /** From the event's arrival, including the {@code app.info} call; leaves Bitrix24's 2 s room for the answer. */
    static final Duration BUDGET = Duration.ofMillis(1500);
    /** Checks waiting beyond this are refused (503): each may hold a refresh, and the sender may be a flood. */
    private static final int QUEUE = 64;
    private static final int WORKERS = 4;

    private final AccessCheck access;
    private final PortalRegistry portals;
    private final EventRefusals refusals;
    private final DeferredEvents deferred;
    private final ThreadPoolExecutor workers;

    UninstallDecision(AccessCheck access, PortalRegistry portals, EventRefusals refusals, DeferredEvents deferred) {
        this.access = access;
        this.portals = portals;
        this.refusals = refusals;
        this.deferred = deferred;
        AtomicInteger count = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), task -> {
            Thread thread = new Thread(task, "uninstall-check-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        workers.allowCoreThreadTimeOut(true);
    }

    /**
     * @param portal       an installed portal whose stored application token the event carries
     * @param arrivedNanos {@link System#nanoTime()} when the event arrived
     * @return the verdict's outcome, or {@link EventHandler.Outcome#VERIFYING} when it is not in within the budget
     */
    EventHandler.Outcome decide(AppEvent event, Portal portal, long arrivedNanos) {
        CompletableFuture<EventHandler.Outcome> decision;
        try {
            decision = CompletableFuture.supplyAsync(() -> carryOut(event, portal), workers);
        } catch (RejectedExecutionException e) {
            LOG.warnf("ONAPPUNINSTALL for portal %s not checked: %d checks are waiting already", portal.memberId, QUEUE);
            return EventHandler.Outcome.OAUTH_UNAVAILABLE;
        }
        long left = BUDGET.toNanos() - (System.nanoTime() - arrivedNanos);
        try {
            return decision.get(Math.max(left, 0), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            LOG.infof("ONAPPUNINSTALL for portal %s is still being verified; answered 202, decided when the OAuth server answers",
                    portal.memberId);
            decision.whenComplete((outcome, failure) -> afterTheAnswer(event, portal, failure));
            return EventHandler.Outcome.VERIFYING;
        } catch (ExecutionException e) {
            // Within the budget, a failure (e.g. the database) is the request's, answered as such.
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EventHandler.Outcome.VERIFYING;
        }
    }

    /** A failure after the 202: a database outage keeps the event for later, as one before the answer would. */
    private void afterTheAnswer(AppEvent event, Portal portal, Throwable failure) {
        if (failure == null) {
            return;
        }
        if (DatabaseOutage.isCause(failure) && deferred.keep(event)) {
            LOG.warnf("ONAPPUNINSTALL for portal %s met a database outage after its 202 answer; it is handled again once the database is back",
                    portal.memberId);
        } else {
            LOG.errorf("ONAPPUNINSTALL for portal %s could not be carried out after its 202 answer: %s",
                    portal.memberId, failure.getClass().getSimpleName());
        }
    }

    private EventHandler.Outcome carryOut(AppEvent event, Portal portal) {
        return switch (access.of(portal)) {
            case GENUINE -> {
                if (portals.uninstall(portal.id, portal.installedAt)) {
                    LOG.infof("ONAPPUNINSTALL accepted for portal %s", portal.memberId);
                } else {
                    LOG.infof("ONAPPUNINSTALL for portal %s concerned an earlier installation; the current one is kept", portal.memberId);
                }
                yield EventHandler.Outcome.ACCEPTED;
            }
            case FORGED -> refusals.journaled(event, portal, null,
                    "the OAuth server still accepts the app's stored tokens, so the app was not uninstalled");
            case UNPROVEN -> refusals.journaled(event, portal, null,
                    "the OAuth server did not confirm that the app's access is gone (the installer has no live token to ask with)");
            case UNREACHABLE -> refusals.unconfirmed(event, portal);
        };
    }

    /** Lets checks in flight finish, so a refresh they started stores its rotated pair. */
    @PreDestroy
    void stop() {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(20, TimeUnit.SECONDS)) {
                LOG.warn("Uninstall checks still running at shutdown were abandoned");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
