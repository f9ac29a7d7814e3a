package com.crmcardlayouts.testing;

import com.crmcardlayouts.portal.Portal;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;

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
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = em.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return (List<Object[]>) query.getResultList();
        });
    }

    public static long count(EntityManager em, String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = em.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return ((Number) query.getSingleResult()).longValue();
        });
    }
}
