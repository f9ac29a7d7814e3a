package com.crmcardlayouts.lifecycle;

import com.crmcardlayouts.portal.DatabaseOutage;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Events that arrived while the database was unreachable. Bitrix24 never delivers an event twice,
 * so such an event is kept in memory (bounded, never logged: it carries tokens) and handled, with
 * its full verification, once the database is back. Oldest first; one at a time.
 */
@ApplicationScoped
public class DeferredEvents {

    private static final Logger LOG = Logger.getLogger(DeferredEvents.class);
    /** Lifecycle events are rare; an outage of minutes on a thousand portals stays well below this. */
    static final int CAPACITY = 1_000;
    /** Far beyond a restart or failover; an event this old is dropped (and said so in the log). */
    static final Duration KEEP = Duration.ofMinutes(10);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(500);

    private record Deferred(AppEvent event, Instant since) {
    }

    private final EventHandler handler;
    private final BlockingQueue<Deferred> waiting = new ArrayBlockingQueue<>(CAPACITY);
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "deferred-events");
        thread.setDaemon(true);
        return thread;
    });

    public DeferredEvents(EventHandler handler) {
        this.handler = handler;
        retries.scheduleWithFixedDelay(this::handleWaiting, RETRY_PAUSE.toMillis(), RETRY_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** @return false when as many events wait already as are kept */
    public boolean keep(AppEvent event) {
        return waiting.offer(new Deferred(event, Instant.now()));
    }

    /** How many events wait for the database. */
    public int size() {
        return waiting.size();
    }

    private void handleWaiting() {
        Deferred next;
        while ((next = waiting.peek()) != null) {
            if (Instant.now().isAfter(next.since().plus(KEEP))) {
                LOG.errorf("Dropped an application event kept for %s while the database stayed unavailable", KEEP);
                waiting.remove(next);
                continue;
            }
            try {
                EventHandler.Outcome outcome = handler.handle(next.event());
                LOG.infof("Handled an application event kept during a database outage: %s", outcome);
            } catch (RuntimeException e) {
                if (DatabaseOutage.isCause(e)) {
                    return;
                }
                LOG.errorf(e, "An application event kept during a database outage failed");
            }
            waiting.remove(next);
        }
    }

    void onShutdown(@Observes ShutdownEvent event) {
        retries.shutdownNow();
        if (!waiting.isEmpty()) {
            LOG.errorf("%d application events kept during a database outage were not handled before shutdown", waiting.size());
        }
    }
}
