package com.crmcardlayouts.admin;

import com.crmcardlayouts.bitrix24.CardType;
import com.crmcardlayouts.lifecycle.ChosenTabs;
import com.crmcardlayouts.portal.PortalEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.query.TypedParameterValue;
import org.hibernate.type.StandardBasicTypes;

import java.util.List;

/** Reads and stores each portal's settings. */
@ApplicationScoped
public class SettingsService implements ChosenTabs {

    private final EntityManager em;

    public SettingsService(EntityManager em) {
        this.em = em;
    }

    /** The portal's settings; the defaults while none were stored. */
    @Transactional
    public Settings forPortal(long portalId) {
        PortalSettings row = PortalSettings.findById(portalId);
        return row == null ? Settings.DEFAULTS : Settings.of(row);
    }

    /** A reinstall has just reset them to the defaults (see {@link #onInstalled}); a repeated install keeps the choice. */
    @Override
    public List<CardType> of(long portalId) {
        return forPortal(portalId).tabs();
    }

    @Transactional
    public void save(long portalId, long adminUserId, Settings settings) {
        upsert(portalId, adminUserId, settings);
    }

    /** An install binds the default tabs, so the settings start over from the defaults to match. */
    @Transactional
    void onInstalled(@Observes PortalEvents.Installed installed) {
        upsert(installed.portalId(), null, Settings.DEFAULTS);
    }

    private void upsert(long portalId, Long userId, Settings settings) {
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
                .setParameter(5, new TypedParameterValue<>(StandardBasicTypes.LONG, userId))
                .executeUpdate();
    }
}
