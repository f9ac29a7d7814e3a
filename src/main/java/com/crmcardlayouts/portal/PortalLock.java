package com.crmcardlayouts.portal;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Whatever changes the tabs bound on a portal (an install, a settings save) runs one at a time per
 * portal, across every instance: a PostgreSQL transaction-level advisory lock on a connection of
 * its own. It holds no row while Bitrix24 answers, and it cannot outlive the work: ending the
 * transaction releases it, and so does a connection that breaks. Nobody waits while holding a
 * connection, and at most {@link #HOLDERS} connections per instance hold a lock at once, so the
 * work inside always finds pooled connections for its own queries. Within an instance the requests
 * of one portal queue on that portal's own turn first, so they take at most one of those slots:
 * many waiters of a busy portal cannot crowd out the other portals.
 */
@ApplicationScoped
public class PortalLock {

    /** The lock stayed taken for longer than the caller would wait. */
    public static final class Busy extends RuntimeException {
        Busy(long portalId) {
            super("Portal " + portalId + " is being changed by another request");
        }
    }

    private static final Logger LOG = Logger.getLogger(PortalLock.class);
    /** The lock's namespace (first key), so it cannot meet another advisory lock on the same portal id. */
    static final int BINDINGS = 0x5E77_1465;
    /** Well below the pool's 20 connections: installs and saves are rare, page requests are not. */
    private static final int HOLDERS = 8;
    private static final Duration RETRY_PAUSE = Duration.ofMillis(100);

    private final AgroalDataSource dataSource;
    private final Semaphore holders = new Semaphore(HOLDERS, true);
    // One entry per portal locked since start: a small object each, bounded by the portals served.
    private final ConcurrentHashMap<Long, Semaphore> turns = new ConcurrentHashMap<>();

    PortalLock(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Runs {@code work} (which must not return null) holding the portal's lock; empty, without running
     * it, while someone else holds it.
     *
     * @throws Busy when this instance already holds as many locks as it allows, for longer than a few seconds
     */
    public <T> Optional<T> tryWhileHeld(long portalId, Supplier<T> work) {
        Semaphore turn = turnOf(portalId);
        if (!turn.tryAcquire()) {
            return Optional.empty();
        }
        try {
            return tryHolding(portalId, work);
        } finally {
            turn.release();
        }
    }

    /**
     * Runs {@code work} holding the portal's lock, trying for it for at most {@code patience}.
     *
     * @throws Busy when the lock stayed taken that long
     */
    public <T> T whileHeld(long portalId, Duration patience, Supplier<T> work) {
        long deadline = System.nanoTime() + patience.toNanos();
        Semaphore turn = turnOf(portalId);
        try {
            if (!turn.tryAcquire(patience.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new Busy(portalId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy(portalId);
        }
        try {
            while (true) {
                Optional<T> done = tryHolding(portalId, work);
                if (done.isPresent()) {
                    return done.get();
                }
                if (System.nanoTime() + RETRY_PAUSE.toNanos() > deadline) {
                    throw new Busy(portalId);
                }
                pause(portalId);
            }
        } finally {
            turn.release();
        }
    }

    /** Fair, so the portal's waiters get their turn in the order they came. */
    private Semaphore turnOf(long portalId) {
        return turns.computeIfAbsent(portalId, id -> new Semaphore(1, true));
    }

    /** One attempt, with this instance's turn for the portal already taken. */
    private <T> Optional<T> tryHolding(long portalId, Supplier<T> work) {
        acquireHolder(portalId);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                return tryLock(connection, portalId) ? Optional.of(work.get()) : Optional.empty();
            } finally {
                release(connection, portalId);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Locking portal " + portalId + " failed", e);
        } finally {
            holders.release();
        }
    }

    private void acquireHolder(long portalId) {
        try {
            if (!holders.tryAcquire(5, TimeUnit.SECONDS)) {
                throw new Busy(portalId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy(portalId);
        }
    }

    private static boolean tryLock(Connection connection, long portalId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select pg_try_advisory_xact_lock(?, ?)")) {
            statement.setInt(1, BINDINGS);
            // Portal ids are far below 2^31; a larger one would at worst share a lock with another portal.
            statement.setInt(2, Long.hashCode(portalId));
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    /** Ends the transaction, which releases the lock; a failure here means the session, and the lock with it, is gone. */
    private static void release(Connection connection, long portalId) {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            LOG.warnf("Ending the lock of portal %d failed; its database session is gone and the lock with it: %s",
                    portalId, e.getMessage());
        }
    }

    private static void pause(long portalId) {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy(portalId);
        }
    }
}
