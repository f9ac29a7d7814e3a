package com.crmcardlayouts.portal;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * Freshly rotated token pairs the database did not take (connection lost, PostgreSQL restarting).
 * The OAuth server has already spent the old refresh token, so such a pair is the user's only live
 * chain: it is kept in memory, used by this instance's callers meanwhile, and stored as soon as the
 * database takes it (compare-and-set on what the row held, see {@link TokenStore}). One entry per
 * user at most; never written to a log.
 */
@ApplicationScoped
public class UnstoredPairs {

    private static final Logger LOG = Logger.getLogger(UnstoredPairs.class);
    /** Far beyond a database restart (seconds) or a failover (about a minute). */
    static final Duration KEEP_TRYING = Duration.ofMinutes(15);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(1);

    record Key(long portalId, long userId) {
    }

    /** A rotated pair, storable while the user's row still holds {@code expectedStored} as its refresh token. */
    record Unstored(String expectedStored, TokenPair pair, Instant since) {
    }

    /** What one attempt to store a pair did. */
    enum Attempt { STORED, SUPERSEDED, FAILED }

    private final Map<Key, Unstored> pairs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "unstored-token-pairs");
        thread.setDaemon(true);
        return thread;
    });
    private volatile BiFunction<Key, Unstored, Attempt> store = (key, pair) -> Attempt.FAILED;

    /** How a kept pair is stored (compare-and-set, in a transaction of its own); called from the retry thread. */
    void storeWith(BiFunction<Key, Unstored, Attempt> store) {
        this.store = store;
    }

    Optional<Unstored> get(Key key) {
        return Optional.ofNullable(pairs.get(key));
    }

    /** Keeps {@code pair} for {@code key}, replacing an older kept pair (which the new one supersedes). */
    void keep(Key key, Unstored pair) {
        pairs.put(key, pair);
    }

    /** Forgets {@code pair}, unless a newer one has replaced it meanwhile. */
    void forget(Key key, Unstored pair) {
        pairs.remove(key, pair);
    }

    /** Keeps trying to store the kept pair of {@code key}, with backoff, until stored, superseded or given up. */
    void retry(Key key) {
        schedule(key, FIRST_PAUSE);
    }

    /** How many pairs wait to be stored. */
    public int size() {
        return pairs.size();
    }

    private void schedule(Key key, Duration pause) {
        retries.schedule(() -> attempt(key, pause), pause.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void attempt(Key key, Duration pause) {
        Unstored pair = pairs.get(key);
        if (pair == null) {
            return;
        }
        if (tryToStore(key, pair) != Attempt.FAILED) {
            return;
        }
        if (Instant.now().isAfter(pair.since().plus(KEEP_TRYING))) {
            LOG.errorf("Gave up storing the rotated token pair of user %d on portal %d after %s; the user must open the app again",
                    key.userId(), key.portalId(), KEEP_TRYING);
            forget(key, pair);
            return;
        }
        Duration next = pause.multipliedBy(2);
        schedule(key, next.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : next);
    }

    private Attempt tryToStore(Key key, Unstored pair) {
        Attempt result;
        try {
            result = store.apply(key, pair);
        } catch (RuntimeException e) {
            LOG.debugf("Storing a rotated token pair failed, will retry: %s", e.getClass().getSimpleName());
            result = Attempt.FAILED;
        }
        if (result != Attempt.FAILED) {
            forget(key, pair);
        }
        return result;
    }

    /** A stopping instance stores what it can: after it is gone, nobody else has these pairs. */
    void onShutdown(@Observes ShutdownEvent event) {
        retries.shutdownNow();
        pairs.forEach(this::tryToStore);
        if (!pairs.isEmpty()) {
            LOG.errorf("%d rotated token pairs could not be stored before shutdown; those users must open the app again", pairs.size());
        }
    }
}
