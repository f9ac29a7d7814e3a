package com.crmcardlayouts.settings;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** What a portal's administrators decided about the app; one row per portal. */
@Entity
@Table(name = "portal_settings")
public class PortalSettings extends PanacheEntityBase {

    @Id
    @Column(name = "portal_id")
    public Long portalId;

    /** CRM cards that show the tab, by {@code CardType} key, e.g. {@code LEAD,DEAL,CONTACT,COMPANY,DYNAMIC_1032}. */
    @Column(name = "tab_entity_types")
    public String tabEntityTypes;

    /** Whether users who manage no CRM settings may use the tab at all. */
    @Column(name = "non_admins_may_use")
    public boolean nonAdminsMayUse;

    /** Whether such users may reset their own personal layout. */
    @Column(name = "users_may_reset_own")
    public boolean usersMayResetOwn;

    /** Bitrix24 user id of the administrator who last saved, e.g. {@code 1}. */
    @Column(name = "updated_by")
    public Long updatedBy;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
