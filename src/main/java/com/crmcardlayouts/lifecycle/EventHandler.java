package com.crmcardlayouts.lifecycle;

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
 * {@code ONAPPUNINSTALL} also through the OAuth server's state, since the application token reaches
 * every user's browser on portals that post it into frames. Handlers are idempotent: Bitrix24 may
 * deliver an event twice, late, or out of order. A refused event of a known portal is journaled there.
 */
@ApplicationScoped
public class EventHandler {

    private static final Logger LOG = Logger.getLogger(EventHandler.class);

    /** How an event was taken. */
    public enum Outcome { ACCEPTED, IGNORED, UNVERIFIED, OAUTH_UNAVAILABLE }

    private final OAuthServer oauth;
    private final PortalRegistry portals;
    private final PortalAdminCheck admins;
    private final AccessCheck access;
    private final Bitrix24Config config;

    EventHandler(OAuthServer oauth, PortalRegistry portals, PortalAdminCheck admins, AccessCheck access, Bitrix24Config config) {
        this.oauth = oauth;
        this.portals = portals;
        this.admins = admins;
        this.access = access;
        this.config = config;
    }

    public Outcome handle(AppEvent event) {
        if (event.memberId().isEmpty()) {
            return reject(event, "no member_id");
        }
        try {
            return switch (event.name()) {
                case "ONAPPINSTALL" -> onInstall(event);
                case "ONAPPUPDATE" -> onUpdate(event);
                case "ONAPPUNINSTALL" -> onUninstall(event);
                default -> onOther(event);
            };
        } catch (Bitrix24Exception.InvalidToken e) {
            return reject(event, "token not accepted by the OAuth server");
        } catch (Bitrix24Exception e) {
            LOG.warnf("Could not verify %s for portal %s: Bitrix24 unavailable", safeName(event), LogSafe.memberId(event.memberId()));
            journalRefusal(event, null, "the OAuth server could not be reached to verify it");
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
            return reject(event, "no application token");
        }
        Optional<AppInfo> info = verifiedInfo(event);
        if (info.isEmpty()) {
            return reject(event, "access token does not vouch for this portal");
        }
        Optional<Portal> duplicateOf = vouchedByApplicationToken(event).filter(Portal::isInstalled);
        boolean installersRepeat = duplicateOf.filter(portal -> Objects.equals(portal.installedBy, info.get().userId())).isPresent();
        if (!installersRepeat && !admins.isPortalAdmin(info.get(), event.auth("access_token"))) {
            return reject(event, info.get().userId(), duplicateOf.isPresent()
                    ? "a repeated install from another user than the installer needs an administrator's token"
                    : "a new installation or application token needs an administrator's token");
        }
        portals.onAppInstall(info.get().facts(), event.applicationToken(), info.get().userId(), event.tokens());
        LOG.infof("ONAPPINSTALL accepted for portal %s", event.memberId());
        return Outcome.ACCEPTED;
    }

    /**
     * Always vouched for by the OAuth server, whose word on the installed version is taken rather than the
     * form's. A new version brings a new application token, which cannot match the stored one: then only an
     * administrator's token may bring it; the stored one, which may have leaked, makes only a repeat.
     */
    private Outcome onUpdate(AppEvent event) {
        Optional<Portal> portal = portals.find(event.memberId()).filter(Portal::isInstalled);
        if (portal.isEmpty()) {
            return reject(event, "unknown or uninstalled portal");
        }
        Optional<AppInfo> info = verifiedInfo(event);
        if (info.isEmpty()) {
            return reject(event, "access token does not vouch for this portal");
        }
        boolean sameToken = portals.applicationTokenMatches(portal.get(), event.applicationToken());
        if (!sameToken && !admins.isPortalAdmin(info.get(), event.auth("access_token"))) {
            return reject(event, info.get().userId(), "neither the stored application token nor an administrator's token vouch for it");
        }
        Integer version = info.get().appVersion() != null ? info.get().appVersion() : event.version().orElse(null);
        portals.onAppUpdate(portal.get().id, event.applicationToken(), version, info.get().userId());
        LOG.infof("ONAPPUPDATE accepted for portal %s, version %s", event.memberId(), version == null ? "?" : version);
        return Outcome.ACCEPTED;
    }

    private Outcome onUninstall(AppEvent event) {
        Optional<Portal> portal = vouchedByApplicationToken(event);
        if (portal.isEmpty()) {
            return reject(event, "application token does not match");
        }
        if (!portal.get().isInstalled()) {
            // A repeated delivery: the first one already wiped everything.
            return Outcome.ACCEPTED;
        }
        AccessCheck.Access verdict = access.of(portal.get());
        if (verdict == AccessCheck.Access.GRANTED) {
            return reject(event, "the OAuth server still accepts the app's stored tokens, so the app was not uninstalled");
        }
        if (verdict == AccessCheck.Access.NO_TOKEN) {
            LOG.infof("ONAPPUNINSTALL for portal %s believed without asking the OAuth server: no live token is stored", event.memberId());
        }
        portals.uninstall(portal.get().id);
        LOG.infof("ONAPPUNINSTALL accepted for portal %s", event.memberId());
        return Outcome.ACCEPTED;
    }

    private Outcome onOther(AppEvent event) {
        if (vouchedByApplicationToken(event).isEmpty()) {
            return reject(event, "application token does not match");
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

    private Outcome reject(AppEvent event, String why) {
        return reject(event, null, why);
    }

    /** @param userId the user the OAuth server named for the event's token, if it did */
    private Outcome reject(AppEvent event, Long userId, String why) {
        // The member id is public; the tokens are never logged.
        LOG.warnf("Rejected %s for portal %s: %s", safeName(event), LogSafe.memberId(event.memberId()), why);
        journalRefusal(event, userId, why);
        return Outcome.UNVERIFIED;
    }

    /** Into the journal of the portal the event names, when the app knows it; an unknown member id has no journal. */
    private void journalRefusal(AppEvent event, Long userId, String why) {
        if (!LogSafe.memberId(event.memberId()).equals(event.memberId())) {
            return;
        }
        portals.find(event.memberId()).ifPresent(portal -> portals.refused(portal.id, userId, safeName(event) + ": " + why));
    }

    private static String safeName(AppEvent event) {
        return event.name().matches("[A-Z0-9_]{1,64}") ? event.name() : "an event";
    }
}
