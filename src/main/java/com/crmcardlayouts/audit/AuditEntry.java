package com.crmcardlayouts.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One change the app made or attempted on a portal; kept after uninstall. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry extends PanacheEntityBase {

    /** Actions besides the layout ones ({@code RESET_PERSONAL}, {@code RESET_COMMON}, {@code FORCE_COMMON}). */
    public static final String SETTINGS_CHANGED = "SETTINGS_CHANGED";
    public static final String SUCCESS = "SUCCESS";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "portal_id")
    public Long portalId;

    @Column(name = "occurred_at")
    public Instant occurredAt = Instant.now();

    /** Bitrix24 user id of who acted, e.g. {@code 7}. */
    @Column(name = "actor_user_id")
    public Long actorUserId;

    /** e.g. {@code RESET_PERSONAL} or {@link #SETTINGS_CHANGED}. */
    public String action;

    /** e.g. {@code 2} (deal). */
    @Column(name = "entity_type_id")
    public Integer entityTypeId;

    /** Deal funnel or smart-process category, e.g. {@code 5}. */
    @Column(name = "category_id")
    public Integer categoryId;

    /** 1 simple lead, 2 repeat lead. */
    @Column(name = "lead_customer_type")
    public Integer leadCustomerType;

    /** {@code P} personal or {@code C} common; empty for forcing the common layout. */
    public String scope;

    /** Whose personal layout, e.g. {@code 12}. */
    @Column(name = "target_user_id")
    public Long targetUserId;

    /** {@link #SUCCESS} or the page API's error code, e.g. {@code FORBIDDEN}. */
    public String outcome;

    /** Why, in a few words, e.g. {@code OWN_RESET_NOT_ALLOWED} or Bitrix24's own message. */
    public String detail;
}
