package com.crmcardlayouts.settings;

import com.crmcardlayouts.bitrix24.CardType;
import com.crmcardlayouts.bindings.ChosenTabs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;

/** Reads and stores each portal's settings. */
@ApplicationScoped
public class SettingsStore implements ChosenTabs {

    private final EntityManager em;

    public SettingsStore(EntityManager em) {
        this.em = em;
    }

    /** The portal's settings; the defaults while none were stored. */
    @Transactional
    public Settings forPortal(long portalId) {
        PortalSettings row = PortalSettings.findById(portalId);
        return row == null ? Settings.DEFAULTS : Settings.of(row);
    }

    /**
     * What an install binds: the administrators' stored choice, kept across a reinstall and any
     * registration again; only a portal that never saved settings gets the defaults.
     */
    @Override
    public List<CardType> of(long portalId) {
        return forPortal(portalId).tabs();
    }

    /** The stored settings; empty while the defaults apply. */
    @Transactional
    public Optional<Settings> stored(long portalId) {
        return PortalSettings.<PortalSettings>findByIdOptional(portalId).map(Settings::of);
    }

    @Transactional
    public void save(long portalId, long adminUserId, Settings settings) {
        upsert(portalId, adminUserId, settings);
    }

    /** Puts back what {@link #stored} read before a save whose binding failed; who saved last stays as it was. */
    @Transactional
    public void restore(long portalId, Optional<Settings> previous) {
        if (previous.isEmpty()) {
            PortalSettings.deleteById(portalId);
            return;
        }
        em.createNativeQuery("""
                update portal_settings set tab_entity_types = ?2, non_admins_may_use = ?3, users_may_reset_own = ?4,
                    updated_at = now()
                where portal_id = ?1
                """)
                .setParameter(1, portalId)
                .setParameter(2, previous.get().tabColumn())
                .setParameter(3, previous.get().nonAdminsMayUse())
                .setParameter(4, previous.get().usersMayResetOwn())
                .executeUpdate();
    }

    private void upsert(long portalId, long userId, Settings settings) {
        em.createNativeQuery("""
                insert into portal_settings (portal_id, tab_entity_types, non_admins_may_use, users_may_reset_own, updated_by, updated_at)
                values (?1, ?2, ?3, ?4, ?5, now())
                on conflict (portal_id) do update set
                    tab_entity_types = excluded.tab_entity_types, non_admins_may_use = excluded.non_admins_may_use,
                    users_may_reset_own = excluded.users_may_reset_own, updated_by = excluded.updated_by, updated_at = now()
                """)
                .setParameter(1, portalId)
                .setParameter(2, settings.tabColumn())
                .setParameter(3, settings.nonAdminsMayUse())
                .setParameter(4, settings.usersMayResetOwn())
                .setParameter(5, userId)
                .executeUpdate();
    }
}
