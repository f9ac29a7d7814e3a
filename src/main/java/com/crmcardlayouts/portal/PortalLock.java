package com.crmcardlayouts.portal;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Whatever changes the tabs bound on a portal (an install, a settings save) runs one at a time per
 * portal, across every instance: a PostgreSQL transaction-level advisory lock on a connection of
 * its own. It holds no row while Bitrix24 answers, and it cannot outlive the work: ending the
 * transaction releases it, and so does a connection that breaks.
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
    private static final int BINDINGS = 0x5E77_1465;
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final AgroalDataSource dataSource;

    PortalLock(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code work} holding the portal's lock; empty, without running it, while someone else holds it. */
    public <T> Optional<T> tryWhileHeld(long portalId, Supplier<T> work) {
        return withConnection(portalId, connection -> {
            try (PreparedStatement statement = lockStatement(connection, "pg_try_advisory_xact_lock", portalId);
                 ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1) ? Optional.of(work.get()) : Optional.empty();
            }
        });
    }

    /**
     * Runs {@code work} holding the portal's lock, waiting for it at most {@code patience}.
     *
     * @throws Busy when the lock stayed taken that long
     */
    public <T> T whileHeld(long portalId, Duration patience, Supplier<T> work) {
        return withConnection(portalId, connection -> {
            try (Statement timeout = connection.createStatement()) {
                timeout.execute("set local lock_timeout = " + patience.toMillis());
            }
            try (PreparedStatement statement = lockStatement(connection, "pg_advisory_xact_lock", portalId)) {
                statement.execute();
            } catch (SQLException e) {
                if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                    throw new Busy(portalId);
                }
                throw e;
            }
            return work.get();
        });
    }

    private interface LockedWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T withConnection(long portalId, LockedWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                return work.run(connection);
            } finally {
                release(connection, portalId);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Locking portal " + portalId + " failed", e);
        }
    }

    private static PreparedStatement lockStatement(Connection connection, String function, long portalId) throws SQLException {
        PreparedStatement statement = connection.prepareStatement("select " + function + "(?, ?)");
        statement.setInt(1, BINDINGS);
        // Portal ids are far below 2^31; a larger one would at worst share a lock with another portal.
        statement.setInt(2, Long.hashCode(portalId));
        return statement;
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
}
