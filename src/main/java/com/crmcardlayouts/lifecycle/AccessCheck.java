package com.crmcardlayouts.lifecycle;

import com.crmcardlayouts.bitrix24.AppInfo;
import com.crmcardlayouts.bitrix24.Bitrix24Exception;
import com.crmcardlayouts.bitrix24.OAuthServer;
import com.crmcardlayouts.config.Bitrix24Config;
import com.crmcardlayouts.portal.Portal;
import com.crmcardlayouts.portal.TokenPair;
import com.crmcardlayouts.portal.TokenStore;
import com.crmcardlayouts.portal.UserCredentials;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;

/**
 * Whether the OAuth server still grants the app access to a portal, asked with the token the app stored
 * there most recently. Bitrix24 revokes every token of the app before it sends {@code ONAPPUNINSTALL}
 * (app-lifecycle §2.6), so a token that still works proves such an event forged: its application token
 * leaked, e.g. from a frame POST that every user's browser sees.
 */
@ApplicationScoped
class AccessCheck {

    /** What the OAuth server said. */
    enum Access {
        /** A stored access token still verifies, or a stored refresh token still refreshes. */
        GRANTED,
        /** The OAuth server refused both the stored access token and its refresh token. */
        REVOKED,
        /** No live token is stored for the portal: nothing to ask with, and nothing a forged event could wipe. */
        NO_TOKEN
    }

    private final TokenStore tokens;
    private final OAuthServer oauth;
    private final Bitrix24Config config;

    AccessCheck(TokenStore tokens, OAuthServer oauth, Bitrix24Config config) {
        this.tokens = tokens;
        this.oauth = oauth;
        this.config = config;
    }

    /**
     * Asks with at most two short calls (verify, then a quick refresh), to stay within an event's 2 s.
     * A refresh that works rotates the pair; the new pair is stored, so the user keeps working.
     *
     * @throws Bitrix24Exception a {@linkplain Bitrix24Exception#isTransient() transient} one when the OAuth server cannot say
     */
    Access of(Portal portal) {
        Optional<UserCredentials> stored = tokens.mostRecent(portal.id);
        if (stored.isEmpty()) {
            return Access.NO_TOKEN;
        }
        TokenPair pair = stored.get().tokens();
        if (!pair.isExpired(Instant.now()) && verifies(portal, pair.accessToken())) {
            return Access.GRANTED;
        }
        try {
            TokenStore.Rotation rotation = tokens.rotate(portal.id, stored.get().userId(), pair.accessToken(), oauth::refreshQuickly);
            return rotation instanceof TokenStore.Rotation.Current ? Access.GRANTED : Access.REVOKED;
        } catch (Bitrix24Exception e) {
            if (e.isTransient()) {
                throw e;
            }
            // NOT_INSTALLED, invalid_client and the like: the OAuth server no longer issues tokens of this app here.
            return Access.REVOKED;
        }
    }

    private boolean verifies(Portal portal, String accessToken) {
        try {
            AppInfo info = oauth.verify(accessToken);
            return info.memberId().equals(portal.memberId) && config.clientId().equals(info.clientId());
        } catch (Bitrix24Exception e) {
            if (e.isTransient()) {
                throw e;
            }
            return false;
        }
    }
}
