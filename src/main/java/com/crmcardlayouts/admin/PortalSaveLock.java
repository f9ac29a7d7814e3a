package com.crmcardlayouts.admin;

import com.crmcardlayouts.cardlayouts.LayoutRefused;
import com.crmcardlayouts.cardlayouts.Refusal;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * One settings save at a time per portal, across every instance: a PostgreSQL transaction-level
 * advisory lock on a connection of its own. It holds no row while Bitrix24 answers, and it cannot
 * outlive the save: ending the transaction releases it, and so does a connection that breaks.
 * A second save of the same portal is refused at once instead of waiting with a pooled connection.
 */
@ApplicationScoped
class PortalSaveLock {

    private static final Logger LOG = Logger.getLogger(PortalSaveLock.class);
    /** The lock's namespace (first key), so it cannot meet another advisory lock on the same portal id. */
    private static final int SETTINGS_SAVE = 0x5E77_1465;

    private final AgroalDataSource dataSource;

    PortalSaveLock(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Runs {@code work} holding the portal's lock.
     *
     * @throws LayoutRefused {@link Refusal#SAVE_IN_PROGRESS} when another save of the portal is running
     */
    <T> T whileHeld(long portalId, Supplier<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!tryLock(connection, portalId)) {
                    throw new LayoutRefused(Refusal.SAVE_IN_PROGRESS);
                }
                return work.get();
            } finally {
                release(connection, portalId);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Locking the settings of portal " + portalId + " failed", e);
        }
    }

    private static boolean tryLock(Connection connection, long portalId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select pg_try_advisory_xact_lock(?, ?)")) {
            statement.setInt(1, SETTINGS_SAVE);
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
            LOG.warnf("Ending the settings lock of portal %d failed; its database session is gone and the lock with it: %s",
                    portalId, e.getMessage());
        }
    }
}
