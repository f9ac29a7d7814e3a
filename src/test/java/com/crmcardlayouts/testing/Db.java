package com.crmcardlayouts.testing;

import com.crmcardlayouts.portal.Portal;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import java.util.List;

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

    public static long count(EntityManager em, String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) query(em, sql, params).getSingleResult()).longValue());
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
