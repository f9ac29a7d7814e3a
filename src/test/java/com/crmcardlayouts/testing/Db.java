package com.crmcardlayouts.testing;

import com.crmcardlayouts.portal.Portal;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** Reads the app's tables directly, as an operator with psql would. */
public final class Db {

    private Db() {
    }

    public static Portal portal(String memberId) {
        return QuarkusTransaction.requiringNew().call(() -> Portal.findByMemberId(memberId).orElseThrow());
    }

    public static boolean hasPortal(String memberId) {
        return QuarkusTransaction.requiringNew().call(() -> Portal.findByMemberId(memberId).isPresent());
    }

    @SuppressWarnings("unchecked")
    public static List<Object[]> rows(EntityManager em, String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> (List<Object[]>) query(em, sql, params).getResultList());
    }

    /** How many entries the portal's audit journal holds. */
    public static long journalSize(EntityManager em, String memberId) {
        return count(em, "select count(*) from audit_entry where portal_id = ?1", portal(memberId).id);
    }

    /** The newest journal entry of the portal: action, outcome and detail. */
    public static List<String> lastJournalEntry(EntityManager em, String memberId) {
        Object[] row = rows(em, "select action, outcome, coalesce(detail, '') from audit_entry where portal_id = ?1 order by id desc limit 1",
                portal(memberId).id).get(0);
        return java.util.Arrays.stream(row).map(String::valueOf).toList();
    }

    public static long count(EntityManager em, String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) query(em, sql, params).getSingleResult()).longValue());
    }

    /**
     * Returns once some database session waits for a lock (a row lock or an advisory lock), so a test
     * knows the thread it started has reached the lock instead of guessing with a sleep.
     */
    public static void awaitALockWaiter(EntityManager em) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (count(em, "select count(*) from pg_locks where not granted") == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No database session started waiting for a lock within 20 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** A native query with the parameters bound to {@code ?1}, {@code ?2}, … in order. */
    private static Query query(EntityManager em, String sql, Object... params) {
        Query query = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
        return query;
    }
}
