package com.crmcardlayouts.lifecycle;

import com.crmcardlayouts.frame.LogSafe;
import com.crmcardlayouts.portal.Portal;
import com.crmcardlayouts.portal.PortalRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Set;

/**
 * Logs every refused lifecycle event as a warning (member id and a fixed phrase, never a token), and
 * journals it only when its sender was at least partly verified: the stored application token matched,
 * or the OAuth server vouched for its access token. Otherwise anyone who knows a member id (not a
 * secret) could push the administrators' entries off the journal, one request per entry.
 */
@ApplicationScoped
class EventRefusals {

    private static final Logger LOG = Logger.getLogger(EventRefusals.class);
    private static final Set<String> KNOWN = Set.of("ONAPPINSTALL", "ONAPPUPDATE", "ONAPPUNINSTALL");

    private final PortalRegistry portals;

    EventRefusals(PortalRegistry portals) {
        this.portals = portals;
    }

    /** A sender nothing vouched for: only logged. */
    EventHandler.Outcome logged(AppEvent event, String why) {
        warn(event, why);
        return EventHandler.Outcome.UNVERIFIED;
    }

    /**
     * A partly verified sender: logged and journaled in its portal.
     *
     * @param userId the user the OAuth server named for the event's token, if it did
     * @param why    a fixed phrase of the app's, never text from the request
     */
    EventHandler.Outcome journaled(AppEvent event, Portal portal, Long userId, String why) {
        warn(event, why);
        portals.refused(portal.id, userId, name(event) + ": " + why);
        return EventHandler.Outcome.UNVERIFIED;
    }

    /** An event of a partly verified sender that the OAuth server could not be asked about: not refused, unconfirmed. */
    EventHandler.Outcome unconfirmed(AppEvent event, Portal portal) {
        LOG.warnf("Could not verify %s for portal %s: the Bitrix24 OAuth server did not answer; nothing was changed",
                name(event), portal.memberId);
        portals.unconfirmed(portal.id, name(event) + ": the OAuth server could not be reached to verify it; nothing was changed");
        return EventHandler.Outcome.OAUTH_UNAVAILABLE;
    }

    private static void warn(AppEvent event, String why) {
        LOG.warnf("Rejected %s for portal %s: %s", name(event), LogSafe.memberId(event.memberId()), why);
    }

    /** The sender chooses the event's name: only the ones the app knows are repeated. */
    static String name(AppEvent event) {
        return KNOWN.contains(event.name()) ? event.name() : "an event";
    }
}
