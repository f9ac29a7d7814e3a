package com.crmcardlayouts.lifecycle;

import com.crmcardlayouts.bitrix24.AppInfo;
import com.crmcardlayouts.bitrix24.Bitrix24Exception;
import com.crmcardlayouts.bitrix24.OAuthServer;
import com.crmcardlayouts.bitrix24.TokenRefresher;
import com.crmcardlayouts.config.Bitrix24Config;
import com.crmcardlayouts.portal.Portal;
import com.crmcardlayouts.portal.TokenStore;
import com.crmcardlayouts.portal.UserCredentials;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;

/**
 * Whether Bitrix24 really took the app's access to a portal away, as it does before it sends
 * {@code ONAPPUNINSTALL} (app-lifecycle §2.6). A token of the app that still works proves such an event
 * forged, whoever's token it is. A refusal proves little: a plain user controls their own stored row
 * (a planted {@code REFRESH_ID}, a short {@code AUTH_EXPIRES}, their chain spent from their browser).
 * So the app asks with the installer's chain, which only that administrator and the app hold; without
 * it, only an answer about the app itself (not one chain) counts as proof.
 */
@ApplicationScoped
class AccessCheck {

    /** What the OAuth server's answers prove about an {@code ONAPPUNINSTALL}. */
    enum Verdict {
        /** A stored token still verifies through {@code app.info}, or a stored refresh token still refreshes. */
        FORGED,
        /** The installer's chain was refused, or the OAuth server said the app is not installed. */
        GENUINE,
        /** Nothing the OAuth server said proves the app's access gone (e.g. a dead chain of a plain user). */
        UNPROVEN,
        /** The OAuth server could not be reached or failed. */
        UNREACHABLE
    }

    private final TokenStore tokens;
    private final TokenRefresher refresher;
    private final OAuthServer oauth;
    private final Bitrix24Config config;

    AccessCheck(TokenStore tokens, TokenRefresher refresher, OAuthServer oauth, Bitrix24Config config) {
        this.tokens = tokens;
        this.refresher = refresher;
        this.oauth = oauth;
        this.config = config;
    }

    /**
     * At most an {@code app.info}, a refresh with the ordinary client (never cut short: a rotation whose
     * answer is dropped kills the chain; the rotated pair is stored) and an {@code app.info} of the new pair.
     */
    Verdict of(Portal portal) {
        Optional<UserCredentials> installer = portal.installedBy == null ? Optional.empty() : tokens.find(portal.id, portal.installedBy);
        try {
            if (installer.isPresent()) {
                return stillWorks(portal, installer.get()) ? Verdict.FORGED : Verdict.GENUINE;
            }
            Optional<UserCredentials> anyone = tokens.mostRecent(portal.id);
            return anyone.isPresent() && stillWorks(portal, anyone.get()) ? Verdict.FORGED : Verdict.UNPROVEN;
        } catch (Bitrix24Exception.TokenRevoked e) {
            // invalid_grant: proof only for the installer's chain, which no plain user can spend or plant.
            return installer.isPresent() ? Verdict.GENUINE : Verdict.UNPROVEN;
        } catch (Bitrix24Exception e) {
            if (e.isTransient()) {
                return Verdict.UNREACHABLE;
            }
            return OAuthServer.saysAppNotInstalled(e) ? Verdict.GENUINE : Verdict.UNPROVEN;
        }
    }

    /**
     * The stored access token verifies, or the chain refreshes to a pair that verifies. A pair another caller
     * rotated a moment ago is asked about too: it may predate the revocation.
     */
    private boolean stillWorks(Portal portal, UserCredentials stored) {
        if (!stored.tokens().isExpired(Instant.now()) && verifies(portal, stored.tokens().accessToken())) {
            return true;
        }
        UserCredentials renewed = refresher.refresh(stored);
        return verifies(portal, renewed.tokens().accessToken());
    }

    private boolean verifies(Portal portal, String accessToken) {
        try {
            AppInfo info = oauth.verify(accessToken);
            return info.memberId().equals(portal.memberId) && config.clientId().equals(info.clientId());
        } catch (Bitrix24Exception.InvalidToken e) {
            if (OAuthServer.saysAppNotInstalled(e)) {
                throw e;
            }
            return false;
        }
    }
}
