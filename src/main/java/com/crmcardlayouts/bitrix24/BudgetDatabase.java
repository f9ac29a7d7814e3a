package com.crmcardlayouts.bitrix24;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs the request budget's and method time's single statements on a pooled connection of their own,
 * outside any transaction of the caller: a statement joined to a longer transaction would keep the
 * portal's budget row locked until that transaction ends, making every other request of the portal wait.
 */
@ApplicationScoped
class BudgetDatabase {

    /** A statement on the given connection. */
    interface Statement<T> {
        T run(Connection connection) throws SQLException;
    }

    /** The database did not answer; {@link com.crmcardlayouts.portal.DatabaseOutage} recognises the cause. */
    static final class Unreachable extends RuntimeException {
        Unreachable(SQLException cause) {
            super("The portal's request budget could not be read or written: " + cause.getMessage(), cause);
        }
    }

    private final AgroalDataSource dataSource;

    BudgetDatabase(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    <T> T run(Statement<T> statement) {
        return QuarkusTransaction.suspendingExisting().call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                return statement.run(connection);
            } catch (SQLException e) {
                throw new Unreachable(e);
            }
        });
    }
}
