package com.crmcardlayouts.web;

import com.crmcardlayouts.bitrix24.Bitrix24Client;
import com.crmcardlayouts.bitrix24.Bitrix24Exception;
import com.crmcardlayouts.cardlayouts.ViewerRights;
import com.crmcardlayouts.requests.Bitrix24Failures;
import com.crmcardlayouts.requests.Refusal;
import com.crmcardlayouts.requests.Refused;
import com.crmcardlayouts.portal.Portal;
import com.crmcardlayouts.portal.PortalRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** Reads the app-session from a page-API request's {@code Authorization: Bearer} header. */
@ApplicationScoped
public class SessionGuard {

    /** How long a session's word that its user is a portal administrator is taken without asking Bitrix24 again. */
    public static final Duration ADMIN_CLAIM_LIFETIME = Duration.ofMinutes(5);

    private static final String BEARER = "Bearer ";

    private final AppSessions sessions;
    private final PortalRegistry portals;
    private final ViewerRights rights;
    private final Bitrix24Client client;
    private final Clock clock = Clock.systemUTC();

    public SessionGuard(AppSessions sessions, PortalRegistry portals, ViewerRights rights, Bitrix24Client client) {
        this.sessions = sessions;
        this.portals = portals;
        this.rights = rights;
        this.client = client;
    }

    /**
     * The caller's session; refused when missing, altered, expired, issued for a portal this
     * deployment knows under another member id, or issued in an earlier installation (the app was
     * reinstalled since); {@code NOT_INSTALLED} once the app is uninstalled.
     */
    public AppSession require(String authorization) {
        AppSession session = peek(authorization).orElseThrow(() -> new Refused(Refusal.SESSION_INVALID));
        Portal portal = portals.find(session.caller().portalId())
                .filter(p -> p.memberId.equals(session.memberId()))
                .orElseThrow(() -> new Refused(Refusal.SESSION_INVALID));
        if (!portal.isInstalled()) {
            throw new Refused(Refusal.NOT_INSTALLED);
        }
        if (portal.installedAt == null || portal.installedAt.toEpochMilli() != session.installedAt().toEpochMilli()) {
            throw new Refused(Refusal.SESSION_INVALID);
        }
        return session;
    }

    /**
     * {@link #require} for portal administrators only. A session older than {@link #ADMIN_CLAIM_LIFETIME}
     * has its user asked about again ({@code profile}, with their stored token), so that an administrator
     * who lost the role loses the console's powers within minutes, not at the end of the session.
     */
    public AppSession requireAdmin(String authorization) {
        AppSession session = require(authorization);
        if (!session.caller().portalAdmin()) {
            throw new Refused(Refusal.PORTAL_ADMIN_REQUIRED);
        }
        if (session.issuedAt().plus(ADMIN_CLAIM_LIFETIME).isBefore(clock.instant()) && !stillAdmin(session)) {
            throw new Refused(Refusal.PORTAL_ADMIN_REQUIRED);
        }
        return session;
    }

    private boolean stillAdmin(AppSession session) {
        try {
            return rights.isPortalAdmin(session.caller().portalId(), session.caller().userId(), client.deadline());
        } catch (Bitrix24Exception e) {
            throw Bitrix24Failures.refused(e, false);
        }
    }

    /** The session if the header carries a valid one, without further checks (e.g. to pick a language). */
    Optional<AppSession> peek(String authorization) {
        if (authorization == null || !authorization.startsWith(BEARER)) {
            return Optional.empty();
        }
        return sessions.verify(authorization.substring(BEARER.length()).trim());
    }
}
