package com.crmcardlayouts.web;

import com.crmcardlayouts.pageapi.Refusal;
import com.crmcardlayouts.pageapi.Refused;
import com.crmcardlayouts.portal.PortalRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** Reads the app-session from a page-API request's {@code Authorization: Bearer} header. */
@ApplicationScoped
public class SessionGuard {

    private static final String BEARER = "Bearer ";

    private final AppSessions sessions;
    private final PortalRegistry portals;

    public SessionGuard(AppSessions sessions, PortalRegistry portals) {
        this.sessions = sessions;
        this.portals = portals;
    }

    /**
     * The caller's session; refused when missing, altered, expired, or issued for a portal this
     * deployment knows under another member id.
     */
    public AppSession require(String authorization) {
        AppSession session = peek(authorization).orElseThrow(() -> new Refused(Refusal.SESSION_INVALID));
        boolean samePortal = portals.find(session.caller().portalId()).map(p -> p.memberId.equals(session.memberId())).orElse(false);
        if (!samePortal) {
            throw new Refused(Refusal.SESSION_INVALID);
        }
        return session;
    }

    /** The session if the header carries a valid one, without further checks (e.g. to pick a language). */
    Optional<AppSession> peek(String authorization) {
        if (authorization == null || !authorization.startsWith(BEARER)) {
            return Optional.empty();
        }
        return sessions.verify(authorization.substring(BEARER.length()).trim());
    }
}
