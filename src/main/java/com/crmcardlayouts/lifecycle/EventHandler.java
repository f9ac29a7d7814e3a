package com.crmcardlayouts.lifecycle;

import com.crmcardlayouts.frame.LogSafe;
import com.crmcardlayouts.frame.PortalAdminCheck;
import com.crmcardlayouts.bitrix24.AppInfo;
import com.crmcardlayouts.bitrix24.Bitrix24Exception;
import com.crmcardlayouts.bitrix24.OAuthServer;
import com.crmcardlayouts.config.Bitrix24Config;
import com.crmcardlayouts.portal.Portal;
import com.crmcardlayouts.portal.PortalRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Objects;
import java.util.Optional;

/**
 * Handles the application events. Each is verified before anything changes: {@code ONAPPINSTALL}
 * through the OAuth server, the others through the stored application token (constant time), and
 * {@code ONAPPUNINSTALL} also through the OAuth server's state ({@link UninstallDecision}), since the
 * application token reaches every user's browser on portals that post it into frames. Handlers are
 * idempotent: Bitrix24 may deliver an event twice, late, or out of order.
 */
@ApplicationScoped
public class EventHandler {

    private static final Logger LOG = Logger.getLogger(EventHandler.class);

    /** How an event was taken. */
    public enum Outcome {
        ACCEPTED, IGNORED, UNVERIFIED, OAUTH_UNAVAILABLE,
        /** An {@code ONAPPUNINSTALL} whose check outlasted the event's budget: it is decided once the OAuth server answers. */
        VERIFYING
    }

    private final OAuthServer oauth;
    private final PortalRegistry portals;
    private final PortalAdminCheck admins;
    private final UninstallDecision uninstalls;
    private final EventRefusals refusals;
    private final Bitrix24Config config;

    EventHandler(OAuthServer oauth, PortalRegistry portals, PortalAdminCheck admins, UninstallDecision uninstalls,
                 EventRefusals refusals, Bitrix24Config config) {
        this.oauth = oauth;
        this.portals = portals;
        this.admins = admins;
        this.uninstalls = uninstalls;
        this.refusals = refusals;
        this.config = config;
    }

    public Outcome handle(AppEvent event) {
        long arrived = System.nanoTime();
        if (event.memberId().isEmpty()) {
            return refusals.logged(event, "no member_id");
        }
        try {
            return switch (event.name()) {
                case "ONAPPINSTALL" -> onInstall(event);
                case "ONAPPUPDATE" -> onUpdate(event);
                case "ONAPPUNINSTALL" -> onUninstall(event, arrived);
                default -> onOther(event);
            };
        } catch (Bitrix24Exception.InvalidToken e) {
            return refusals.logged(event, "token not accepted by the OAuth server");
        } catch (Bitrix24Exception e) {
            Optional<Portal> portal = vouchedByApplicationToken(event);
            if (portal.isPresent()) {
                return refusals.unconfirmed(event, portal.get());
            }
            LOG.warnf("Could not verify %s for portal %s: Bitrix24 unavailable", EventRefusals.name(event), LogSafe.memberId(event.memberId()));
            return Outcome.OAUTH_UNAVAILABLE;
        }
    }

    /**
     * A duplicate is a repeat for an installed portal that carries its stored application token, sent with the
     * installer's token; anything else would start an installation or change the application token, which takes
     * a portal administrator's token, as the install page does.
     */
    private Outcome onInstall(AppEvent event) {
        if (event.applicationToken().isEmpty()) {
            return refusals.logged(event, "no application token");
        }
        Optional<AppInfo> info = verifiedInfo(event);
        if (info.isEmpty()) {
            return refusals.logged(event, "access token does not vouch for this portal");
        }
        Optional<Portal> duplicateOf = vouchedByApplicationToken(event).filter(Portal::isInstalled);
        boolean installersRepeat = duplicateOf.filter(portal -> Objects.equals(portal.installedBy, info.get().userId())).isPresent();
        if (!installersRepeat && !admins.isPortalAdmin(info.get(), event.auth("access_token"))) {
            String why = duplicateOf.isPresent()
                    ? "a repeated install from another user than the installer needs an administrator's token"
                    : "a new installation or application token needs an administrator's token";
            // The OAuth server vouched for the sender: journaled in the portal, when the app knows it.
            Optional<Portal> known = portals.find(event.memberId());
            return known.isPresent() ? refusals.journaled(event, known.get(), info.get().userId(), why) : refusals.logged(event, why);
        }
        portals.onAppInstall(info.get().facts(), event.applicationToken(), info.get().userId(), event.tokens());
        LOG.infof("ONAPPINSTALL accepted for portal %s", event.memberId());
        return Outcome.ACCEPTED;
    }

    /**
     * Always vouched for by the OAuth server, whose word on the installed version is taken rather than the
     * form's. A new version brings a new application token, which cannot match the stored one: then only an
     * administrator's token may bring it; the stored one, which may have leaked, makes only a repeat. The
     * journal credits the update to the sender only when they were verified as an administrator.
     */
    private Outcome onUpdate(AppEvent event) {
        Optional<Portal> portal = portals.find(event.memberId()).filter(Portal::isInstalled);
        if (portal.isEmpty()) {
            return refusals.logged(event, "unknown or uninstalled portal");
        }
        Optional<AppInfo> info = verifiedInfo(event);
        if (info.isEmpty()) {
            return refusals.logged(event, "access token does not vouch for this portal");
        }
        boolean sameToken = portals.applicationTokenMatches(portal.get(), event.applicationToken());
        boolean administrator = !sameToken && admins.isPortalAdmin(info.get(), event.auth("access_token"));
        if (!sameToken && !administrator) {
            return refusals.journaled(event, portal.get(), info.get().userId(),
                    "neither the stored application token nor an administrator's token vouch for it");
        }
        Integer version = info.get().appVersion() != null ? info.get().appVersion() : event.version().orElse(null);
        portals.onAppUpdate(portal.get().id, event.applicationToken(), version, administrator ? info.get().userId() : null);
        LOG.infof("ONAPPUPDATE accepted for portal %s, version %s", event.memberId(), version == null ? "?" : version);
        return Outcome.ACCEPTED;
    }

    private Outcome onUninstall(AppEvent event, long arrived) {
        Optional<Portal> portal = vouchedByApplicationToken(event);
        if (portal.isEmpty()) {
            return refusals.logged(event, "application token does not match");
        }
        if (!portal.get().isInstalled()) {
            // A repeated delivery: the first one already wiped everything.
            return Outcome.ACCEPTED;
        }
        return uninstalls.decide(event, portal.get(), arrived);
    }

    private Outcome onOther(AppEvent event) {
        if (vouchedByApplicationToken(event).isEmpty()) {
            return refusals.logged(event, "application token does not match");
        }
        return Outcome.IGNORED;
    }

    /** The event's portal, when the event carries that portal's stored application token. */
    private Optional<Portal> vouchedByApplicationToken(AppEvent event) {
        return portals.find(event.memberId()).filter(portal -> portals.applicationTokenMatches(portal, event.applicationToken()));
    }

    /** The OAuth server's answer for the event's access token, if it names the same portal, domain and app. */
    private Optional<AppInfo> verifiedInfo(AppEvent event) {
        String accessToken = event.auth("access_token");
        if (accessToken.isEmpty()) {
            return Optional.empty();
        }
        AppInfo info = oauth.verify(accessToken);
        boolean samePortal = info.memberId().equals(event.memberId());
        boolean sameDomain = event.auth("domain").isEmpty() || info.domain().equalsIgnoreCase(event.auth("domain"));
        boolean ourApp = config.clientId().equals(info.clientId());
        return samePortal && sameDomain && ourApp ? Optional.of(info) : Optional.empty();
    }
}
