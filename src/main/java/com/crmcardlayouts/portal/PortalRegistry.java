package com.crmcardlayouts.portal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * Owns each portal's lifecycle state and its application token. Callers pass only facts that
 * were already verified (by the OAuth server or by the stored application token).
 */
@ApplicationScoped
public class PortalRegistry {

    /** What the OAuth server vouched for about a portal. */
    public record VerifiedPortal(String memberId, String domain, String clientEndpoint, String scope, Integer appVersion) {
    }

    private final EntityManager em;
    private final TokenCipher cipher;
    private final TokenStore tokens;
    private final Event<PortalEvents.Lifecycle> lifecycle;

    public PortalRegistry(EntityManager em, TokenCipher cipher, TokenStore tokens, Event<PortalEvents.Lifecycle> lifecycle) {
        this.em = em;
        this.cipher = cipher;
        this.tokens = tokens;
        this.lifecycle = lifecycle;
    }

    @Transactional
    public Optional<Portal> find(String memberId) {
        return Portal.findByMemberId(memberId);
    }

    @Transactional
    public Optional<Portal> find(long portalId) {
        return Portal.findByIdOptional(portalId);
    }

    /**
     * An administrator installs (or reinstalls) the app: their verified token becomes the portal's
     * background token. The portal is {@code ACTIVE} once its application token is known, else {@code NEW}
     * until {@code ONAPPINSTALL} brings it.
     */
    @Transactional
    public Portal install(VerifiedPortal facts, long adminUserId, TokenPair adminTokens, String applicationToken) {
        Installation installation = begin(facts);
        Portal portal = installation.portal();
        if (applicationToken != null && !applicationToken.isBlank()) {
            portal.storeApplicationToken(cipher.encrypt(applicationToken, context(portal)));
        } else if (installation.isNew()) {
            // ONAPPINSTALL brings the new installation's token.
            portal.forgetApplicationToken();
        }
        portal.install(adminUserId);
        tokens.save(portal.id, adminUserId, adminTokens);
        finish(installation, adminUserId);
        return portal;
    }

    /**
     * A verified {@code ONAPPINSTALL}: creates or updates the portal and replaces its application token.
     * The event's tokens, when it carries a refresh token, belong to the installing administrator.
     */
    @Transactional
    public Portal onAppInstall(VerifiedPortal facts, String applicationToken, long userId, Optional<TokenPair> userTokens) {
        Installation installation = begin(facts);
        Portal portal = installation.portal();
        portal.storeApplicationToken(cipher.encrypt(applicationToken, context(portal)));
        if (installation.isNew()) {
            portal.install(userId);
        } else if (portal.isInstalledBy(userId) && userTokens.isPresent()) {
            // The install POST already named the installer; a late or repeated event does not move that role.
            portal.installerReturned();
        }
        userTokens.ifPresent(pair -> tokens.save(portal.id, userId, pair));
        finish(installation, userId);
        return portal;
    }

    /**
     * A portal row under lock; {@code isNew} when this request starts an installation, {@code again} when that
     * installation follows an earlier one (a reinstall). Settings are the portal's, not the installation's: both keep them.
     */
    private record Installation(Portal portal, boolean isNew, boolean again) {
    }

    /** Locks (or creates) the portal, follows its verified address, and starts a new installation when it had none. */
    private Installation begin(VerifiedPortal facts) {
        Portal portal = lockOrCreate(facts);
        boolean isNew = !portal.isInstalled() || portal.installedAt == null;
        boolean again = isNew && portal.installedAt != null;
        apply(portal, facts);
        if (isNew) {
            // Also what app-sessions of an earlier installation are told apart by: to the millisecond, as they carry it.
            portal.installedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            portal.uninstalledAt = null;
        }
        return new Installation(portal, isNew, again);
    }

    private void finish(Installation installation, long userId) {
        if (installation.isNew()) {
            PortalEvents.Change change = installation.again() ? PortalEvents.Change.REINSTALLED : PortalEvents.Change.INSTALLED;
            lifecycle.fire(new PortalEvents.Lifecycle(installation.portal().id, change, userId, null));
        }
    }

    /**
     * A verified {@code ONAPPUPDATE}: the new application token and version. A repeat that changes
     * neither is not journaled again.
     *
     * @param version the installed version as the OAuth server named it
     * @param actorUserId the administrator the OAuth server named for the event's token, e.g. {@code 1}; {@code null}
     *                    when only the stored application token vouched for the event (it may have leaked)
     */
    @Transactional
    public void onAppUpdate(long portalId, String applicationToken, Integer version, Long actorUserId) {
        Portal portal = Portal.findById(portalId, LockModeType.PESSIMISTIC_WRITE);
        boolean newToken = applicationToken != null && !applicationToken.isBlank() && !applicationTokenMatches(portal, applicationToken);
        boolean newVersion = version != null && (portal.appVersion == null || version > portal.appVersion);
        // A NEW portal has no application token yet (storing one makes it ACTIVE), so only a new token moves it.
        if (newToken) {
            portal.storeApplicationToken(cipher.encrypt(applicationToken, context(portal)));
        }
        if (newVersion) {
            portal.appVersion = version;
        }
        portal.updatedAt = Instant.now();
        if (newToken || newVersion) {
            lifecycle.fire(new PortalEvents.Lifecycle(portalId, PortalEvents.Change.UPDATED, actorUserId,
                    version == null ? null : "version " + version));
        }
    }

    /**
     * A verified {@code ONAPPUNINSTALL} of the installation that was checked: every token goes, the portal row and
     * its history stay. Compared under the portal-row lock, so a reinstall that came in between is left alone.
     * Idempotent.
     *
     * @param checkedInstallation the {@code installedAt} of the installation the event was verified against
     * @return false when the portal is on another installation by now and nothing was changed
     */
    @Transactional
    public boolean uninstall(long portalId, Instant checkedInstallation) {
        // Longer than a refresh in flight holds a token row (its OAuth call), short enough not to hang on a stuck one.
        em.createNativeQuery("set local lock_timeout = '30s'").executeUpdate();
        Portal portal = Portal.findById(portalId, LockModeType.PESSIMISTIC_WRITE);
        if (!Objects.equals(portal.installedAt, checkedInstallation)) {
            return false;
        }
        tokens.wipe(portalId);
        if (portal.uninstall(Instant.now())) {
            lifecycle.fire(new PortalEvents.Lifecycle(portalId, PortalEvents.Change.UNINSTALLED, null, null));
        }
        return true;
    }

    /**
     * A lifecycle event for this portal was refused; nothing else changes.
     *
     * @param why a fixed phrase of the app's, never text from the request
     */
    @Transactional
    public void refused(long portalId, Long userId, String why) {
        lifecycle.fire(new PortalEvents.Lifecycle(portalId, PortalEvents.Change.EVENT_REFUSED, userId, why));
    }

    /**
     * A lifecycle event for this portal could not be verified because the OAuth server did not answer; nothing changed.
     *
     * @param what a fixed phrase of the app's, never text from the request
     */
    @Transactional
    public void unconfirmed(long portalId, String what) {
        lifecycle.fire(new PortalEvents.Lifecycle(portalId, PortalEvents.Change.EVENT_UNCONFIRMED, null, what));
    }

    /**
     * A user opened the app with a verified token: keep their pair; the installer's return lifts NEEDS_REAUTH.
     * An uninstall that got in first wins: its wipe is not undone.
     */
    @Transactional
    public void userReturned(long portalId, long userId, TokenPair pair) {
        // Locks the portal row exclusively only when its state changes: every page open of every user lands here.
        // Portal first, token second: the order every writer keeps.
        Portal.installerReturned(portalId, userId);
        Object status = em.createNativeQuery("select status from portal where id = ?1 for share")
                .setParameter(1, portalId).getSingleResult();
        if (!PortalStatus.UNINSTALLED.name().equals(status)) {
            tokens.save(portalId, userId, pair);
        }
    }

    /** A verified request showed the portal at another address than the stored one (a renamed portal): follow it. */
    @Transactional
    public Portal moved(long portalId, VerifiedPortal facts) {
        Portal portal = Portal.findById(portalId, LockModeType.PESSIMISTIC_WRITE);
        apply(portal, facts);
        return portal;
    }

    /**
     * Stores the application token a verified frame request of a portal administrator brought: when none is stored
     * yet, or in place of a stale one (an {@code ONAPPUPDATE} that never arrived left the previous one stored).
     * A replacement is journaled.
     */
    @Transactional
    public void adoptApplicationToken(long portalId, String applicationToken, long adminUserId) {
        Portal portal = Portal.findById(portalId, LockModeType.PESSIMISTIC_WRITE);
        if (applicationTokenMatches(portal, applicationToken)) {
            return;
        }
        boolean replaced = portal.applicationToken != null;
        portal.storeApplicationToken(cipher.encrypt(applicationToken, context(portal)));
        portal.updatedAt = Instant.now();
        if (replaced) {
            lifecycle.fire(new PortalEvents.Lifecycle(portalId, PortalEvents.Change.APPLICATION_TOKEN_REPLACED, adminUserId, null));
        }
    }

    /** Constant-time comparison with the stored application token; false when none is stored. */
    public boolean applicationTokenMatches(Portal portal, String presented) {
        if (portal.applicationToken == null || presented == null || presented.isEmpty()) {
            return false;
        }
        byte[] stored = cipher.decrypt(portal.applicationToken, context(portal)).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(stored, presented.getBytes(StandardCharsets.UTF_8));
    }

    private Portal lockOrCreate(VerifiedPortal facts) {
        // Install POST and ONAPPINSTALL may race for a new portal: let the database pick one row.
        em.createNativeQuery("""
                insert into portal (member_id, domain, client_endpoint, status)
                values (?1, ?2, ?3, ?4) on conflict (member_id) do nothing
                """)
                .setParameter(1, facts.memberId())
                .setParameter(2, facts.domain())
                .setParameter(3, facts.clientEndpoint())
                .setParameter(4, PortalStatus.NEW.name())
                .executeUpdate();
        return Portal.find("memberId", facts.memberId()).withLock(LockModeType.PESSIMISTIC_WRITE).singleResult();
    }

    private static void apply(Portal portal, VerifiedPortal facts) {
        // Follow a renamed portal: the OAuth server's answer is the truth, not the request.
        portal.domain = facts.domain();
        portal.clientEndpoint = facts.clientEndpoint();
        if (facts.scope() != null && !facts.scope().isBlank()) {
            portal.scope = facts.scope();
        }
        if (facts.appVersion() != null) {
            portal.appVersion = facts.appVersion();
        }
        portal.updatedAt = Instant.now();
    }

    /** Associated data of a portal's encrypted application token. */
    static String context(Portal portal) {
        return context(portal.memberId);
    }

    static String context(String memberId) {
        return "portal:" + memberId;
    }
}
