package com.crmcardlayouts.frame;

import com.crmcardlayouts.bitrix24.AppInfo;
import com.crmcardlayouts.bitrix24.Bitrix24Exception;
import com.crmcardlayouts.bitrix24.OAuthServer;
import com.crmcardlayouts.config.Bitrix24Config;
import com.crmcardlayouts.frame.FrameRejected.Reason;
import com.crmcardlayouts.portal.Portal;
import com.crmcardlayouts.portal.PortalRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Trust at the edge for iframe requests: the token must be accepted by the OAuth server, issued to
 * this app, for the portal the request names; the portal and user are then taken from the OAuth
 * server's answer, never from the request.
 */
@ApplicationScoped
public class FrameVerifier {

    private static final Logger LOG = Logger.getLogger(FrameVerifier.class);

    private final OAuthServer oauth;
    private final Bitrix24Config config;
    private final PortalRegistry portals;
    private final PortalAdminCheck admins;

    public FrameVerifier(OAuthServer oauth, Bitrix24Config config, PortalRegistry portals, PortalAdminCheck admins) {
        this.oauth = oauth;
        this.config = config;
        this.portals = portals;
        this.admins = admins;
    }

    public VerifiedFrame verify(FrameRequest request) {
        AppInfo info;
        try {
            info = oauth.verify(request.authId());
        } catch (Bitrix24Exception.InvalidToken e) {
            throw new FrameRejected(Reason.NOT_AUTHENTICATED, request.lang());
        } catch (Bitrix24Exception e) {
            throw new FrameRejected(Reason.BITRIX24_UNAVAILABLE, request.lang());
        }
        if (!config.clientId().equals(info.clientId())) {
            LOG.warnf("Rejected a frame request: token issued to another application (portal %s)", info.memberId());
            throw new FrameRejected(Reason.FOREIGN_APP, request.lang());
        }
        if (request.memberId() != null && !request.memberId().isEmpty() && !request.memberId().equals(info.memberId())) {
            LOG.warnf("Rejected a frame request: it names portal %s but its token belongs to %s", LogSafe.memberId(request.memberId()), info.memberId());
            throw new FrameRejected(Reason.WRONG_PORTAL, request.lang());
        }
        Optional<Portal> portal = portals.find(info.memberId());
        return new VerifiedFrame(request, info, portal);
    }

    /**
     * For pages of an installed portal: follows the portal to the address the OAuth server names,
     * checks the request's application token when it sends one, adopts it when the viewer is an
     * administrator and it is not the stored one (none stored yet, or a stale one), and keeps the
     * viewing user's fresh tokens.
     */
    public Portal requireInstalled(VerifiedFrame frame) {
        Portal portal = frame.portal().filter(Portal::isInstalled)
                .orElseThrow(() -> new FrameRejected(Reason.NOT_INSTALLED, frame.request().lang()));
        AppInfo info = frame.info();
        if (!info.domain().equals(portal.domain) || !info.clientEndpoint().equals(portal.clientEndpoint)) {
            LOG.infof("Portal %s moved from %s to %s", portal.memberId, portal.domain, info.domain());
            portal = portals.moved(portal.id, info.facts());
            if (!portal.isInstalled()) {
                throw new FrameRejected(Reason.NOT_INSTALLED, frame.request().lang());
            }
        }
        String presented = frame.request().applicationToken();
        boolean another = presented != null && !presented.isEmpty() && !portals.applicationTokenMatches(portal, presented);
        // Asked only when the token differs: then an administrator's request brings the portal's current one
        // (a lost ONAPPUPDATE leaves a stale one stored); anyone else's is refused below.
        if (another && viewerIsAdmin(frame)) {
            portals.adoptApplicationToken(portal.id, presented, frame.userId());
        } else {
            checkApplicationToken(portal, frame.request());
        }
        if (frame.request().hasRefreshToken()) {
            portals.userReturned(portal.id, frame.userId(), frame.request().tokens());
        }
        return portal;
    }

    /** A request that sends an application token must send the stored one (CONTRACT §5). */
    public void checkApplicationToken(Portal portal, FrameRequest request) {
        String presented = request.applicationToken();
        if (presented != null && !presented.isEmpty() && portal.applicationToken != null
                && !portals.applicationTokenMatches(portal, presented)) {
            LOG.warnf("Rejected a frame request for portal %s: application token does not match", portal.memberId);
            throw new FrameRejected(Reason.APPLICATION_TOKEN_MISMATCH, request.lang());
        }
    }

    /** Any user can put any value in a frame request; only an administrator's may become the portal's secret. */
    private boolean viewerIsAdmin(VerifiedFrame frame) {
        try {
            return admins.isPortalAdmin(frame.info(), frame.request().authId());
        } catch (Bitrix24Exception e) {
            return false;
        }
    }
}
