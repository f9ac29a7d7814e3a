package com.crmcardlayouts.bitrix24;

import com.crmcardlayouts.portal.PortalEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers which portals lack {@code crm.item.details.configuration.*}, in the database so that every
 * instance knows, and for a short while in memory so that an action reads nothing extra for it.
 * A finding is believed for {@link #BELIEVED}, then the universal methods are tried again; an update of
 * the app (ONAPPUPDATE, often after the portal itself was updated) forgets it at once.
 */
@ApplicationScoped
class OlderPortals {

    static final Duration BELIEVED = Duration.ofDays(1);
    /** How long this instance trusts what it read; another instance's finding reaches it within this. */
    static final Duration CACHED = Duration.ofMinutes(5);

    private record Known(boolean older, Instant readAt) {
    }

    private final EntityManager em;
    private final ConcurrentHashMap<Long, Known> known = new ConcurrentHashMap<>();

    OlderPortals(EntityManager em) {
        this.em = em;
    }

    boolean lacksItemLayoutMethods(long portalId) {
        Instant now = Instant.now();
        Known cached = known.get(portalId);
        if (cached != null && cached.readAt().plus(CACHED).isAfter(now)) {
            return cached.older();
        }
        boolean older = QuarkusTransaction.joiningExisting().call(() -> {
            List<?> found = em.createNativeQuery("select 1 from portal_without_item_layout_methods where portal_id = ?1 and found_at > ?2")
                    .setParameter(1, portalId).setParameter(2, now.minus(BELIEVED)).getResultList();
            return !found.isEmpty();
        });
        known.put(portalId, new Known(older, now));
        return older;
    }

    void learned(long portalId) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                insert into portal_without_item_layout_methods (portal_id) values (?1)
                on conflict (portal_id) do update set found_at = now()
                """).setParameter(1, portalId).executeUpdate());
        known.put(portalId, new Known(true, Instant.now()));
    }

    void forgetOnUpdate(@Observes PortalEvents.Lifecycle change) {
        if (change.change() == PortalEvents.Change.UPDATED || change.change() == PortalEvents.Change.REINSTALLED) {
            em.createNativeQuery("delete from portal_without_item_layout_methods where portal_id = ?1")
                    .setParameter(1, change.portalId()).executeUpdate();
            known.remove(change.portalId());
        }
    }
}
