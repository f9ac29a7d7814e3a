package com.crmcardlayouts.bitrix24;

import com.crmcardlayouts.portal.TokenStore;
import com.crmcardlayouts.portal.UserCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Refreshes a user's token pair, one refresh at a time per (portal, user).
 * Threads of this instance queue on a striped lock first, so twenty callers who find the same
 * token expired hold one database connection, not twenty; instances then serialize on the row
 * lock inside {@link TokenStore#rotate}. Whoever comes second uses the pair the first stored.
 */
@ApplicationScoped
public class TokenRefresher {

    private static final int STRIPES = 64;

    private final TokenStore store;
    private final OAuthServer oauth;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    @Inject
    public TokenRefresher(TokenStore store, OAuthServer oauth) {
        this.store = store;
        this.oauth = oauth;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /**
     * @param stale the credentials the caller found expired
     * @return credentials with a live access token
     * @throws Bitrix24Exception.TokenRevoked the refresh token is dead; the user must open the app again
     */
    public UserCredentials refresh(UserCredentials stale) {
        ReentrantLock lock = stripes[Math.floorMod(Long.hashCode(stale.portalId() * 31 + stale.userId()), STRIPES)];
        lock.lock();
        try {
            TokenStore.Rotation rotation = store.rotate(stale.portalId(), stale.userId(),
                    stale.tokens().accessToken(), oauth::refresh);
            if (rotation instanceof TokenStore.Rotation.Current current) {
                return current.credentials();
            }
            throw new Bitrix24Exception.TokenRevoked("invalid_grant", "The user's Bitrix24 authorization was revoked");
        } finally {
            lock.unlock();
        }
    }
}
