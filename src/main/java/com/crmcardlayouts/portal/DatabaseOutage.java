package com.crmcardlayouts.portal;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells a failure caused by PostgreSQL being unreachable (down, restarting, connections lost, pool
 * exhausted) from any other failure: the first is temporary and answered "try again in a minute",
 * the second is a defect. Decided by the causes' SQL states, whatever wraps them.
 */
public final class DatabaseOutage {

    /** Admin shutdown, crash shutdown, "the database system is starting up", too many connections. */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");
    private static final int MAX_DEPTH = 32;

    private DatabaseOutage() {
    }

    /** The app's own share of the database stayed taken too long (e.g. every connection refreshes may use). */
    public static final class Busy extends RuntimeException {
        public Busy(String message) {
            super(message);
        }
    }

    /**
     * Whether {@code failure}, or anything it wraps, says the database could not be used at all. The
     * transaction manager reports a failed commit with the driver's exception among the suppressed ones.
     */
    public static boolean isCause(Throwable failure) {
        return isCause(failure, 0);
    }

    private static boolean isCause(Throwable failure, int depth) {
        Throwable current = failure;
        for (; current != null && depth < MAX_DEPTH; depth++) {
            if (isOutage(current)) {
                return true;
            }
            if (current instanceof SQLException sql && sql.getNextException() != null && isOutage(sql.getNextException())) {
                return true;
            }
            for (Throwable suppressed : current.getSuppressed()) {
                if (isCause(suppressed, depth + 1)) {
                    return true;
                }
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        return false;
    }

    private static boolean isOutage(Throwable failure) {
        if (failure instanceof Busy) {
            return true;
        }
        if (failure instanceof SQLTransientConnectionException || failure instanceof SQLRecoverableException
                || failure instanceof java.sql.SQLNonTransientConnectionException) {
            return true;
        }
        if (failure instanceof SQLException sql) {
            String state = sql.getSQLState();
            // Class 08: connection exceptions (refused, broken, lost mid-statement).
            if (state != null && (state.startsWith("08") || UNAVAILABLE_STATES.contains(state))) {
                return true;
            }
            // The pool gave up waiting for a connection (Agroal sets no SQL state).
            String message = sql.getMessage();
            return message != null && message.startsWith("Acquisition timeout");
        }
        return failure.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException");
    }
}
