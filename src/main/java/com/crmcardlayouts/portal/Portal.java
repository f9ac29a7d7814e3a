package com.crmcardlayouts.portal;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/** A Bitrix24 portal that installed the app. */
@Entity
@Table(name = "portal")
public class Portal extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Bitrix24's portal id, stable across renames, e.g. {@code a223c6b3710f85df22e9377d6c4f7553}. */
    @Column(name = "member_id")
    public String memberId;

    /** Portal host as verified by the OAuth server, e.g. {@code example.bitrix24.com}. */
    public String domain;

    /** REST base URL as verified by the OAuth server, e.g. {@code https://example.bitrix24.com/rest/}. */
    @Column(name = "client_endpoint")
    public String clientEndpoint;

    /** Changed only by the happenings below, each checked against {@link PortalChange}'s table. */
    @Enumerated(EnumType.STRING)
    private PortalStatus status = PortalStatus.NEW;

    /** Encrypted; authenticates the portal's events. */
    @Column(name = "application_token")
    public String applicationToken;

    /** Scopes granted to the app, e.g. {@code crm,placement,user_brief}. */
    public String scope;

    @Column(name = "app_version")
    public Integer appVersion;

    /** Bitrix24 user id of the administrator who installed the app, e.g. {@code 1}. */
    @Column(name = "installed_by")
    public Long installedBy;

    @Column(name = "installed_at")
    public Instant installedAt;

    @Column(name = "uninstalled_at")
    public Instant uninstalledAt;

    @Column(name = "created_at")
    public Instant createdAt = Instant.now();

    @Column(name = "updated_at")
    public Instant updatedAt = Instant.now();

    public static Optional<Portal> findByMemberId(String memberId) {
        return find("memberId", memberId).firstResultOptional();
    }

    /** The portal's origin for framing rules, e.g. {@code https://example.bitrix24.com}. */
    public String origin() {
        java.net.URI uri = java.net.URI.create(clientEndpoint);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    public PortalStatus status() {
        return status;
    }

    /** Installed in Bitrix24 (perhaps not finished, perhaps waiting for its installer to reauthorize). */
    public boolean isInstalled() {
        return status != PortalStatus.UNINSTALLED;
    }

    public boolean isInstalledBy(long userId) {
        return installedBy != null && installedBy == userId;
    }

    /** An administrator installed the app: they become its installer; {@code NEW} until the application token is known. */
    public void install(long adminUserId) {
        installedBy = adminUserId;
        change(applicationToken == null ? PortalChange.INSTALLED_WITHOUT_APPLICATION_TOKEN : PortalChange.INSTALLED);
    }

    /** @param encrypted the application token, already encrypted for this portal */
    public void storeApplicationToken(String encrypted) {
        applicationToken = encrypted;
        change(PortalChange.APPLICATION_TOKEN_STORED);
    }

    /** A new installation begins: an earlier installation's application token must not vouch for it. */
    public void forgetApplicationToken() {
        applicationToken = null;
    }

    public void installerTokenRevoked() {
        change(PortalChange.INSTALLER_TOKEN_REVOKED);
    }

    public void installerReturned() {
        change(PortalChange.INSTALLER_RETURNED);
    }

    /**
     * The installer came back, as one conditional update: it locks the portal row only when its state changes,
     * which matters because every page open of every user asks for it.
     */
    public static void installerReturned(long portalId, long userId) {
        for (PortalStatus from : PortalChange.INSTALLER_RETURNED.moves()) {
            update("status = ?1, updatedAt = ?2 where id = ?3 and installedBy = ?4 and status = ?5",
                    PortalChange.INSTALLER_RETURNED.from(from), Instant.now(), portalId, userId, from);
        }
    }

    /** @return false when the portal was uninstalled already (nothing changed) */
    public boolean uninstall(Instant at) {
        if (!isInstalled()) {
            return false;
        }
        change(PortalChange.UNINSTALLED_BY_PORTAL);
        uninstalledAt = at;
        return true;
    }

    private void change(PortalChange change) {
        PortalStatus next = change.from(status);
        if (next != status) {
            status = next;
            updatedAt = Instant.now();
        }
    }
}
