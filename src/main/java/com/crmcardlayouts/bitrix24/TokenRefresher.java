package com.crmcardlayouts.bitrix24;

import com.crmcardlayouts.portal.TokenStore;
import com.crmcardlayouts.portal.UserCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Refreshes a user's token pair, one refresh at a time per (portal, user). Callers of this instance
 * who find the same token expired share one refresh (single flight) and wait for it holding no
 * database connection; instances then serialize on the row lock inside {@link TokenStore#rotate},
 * which also bounds how many refreshes hold connections at once. Whoever comes second uses the pair
 * the first rotated.
 */
@ApplicationScoped
public class TokenRefresher {

    /** Longer than a rotation can take: its lock patience (30 s) plus one OAuth call (20 s). */
    private static final long WAIT_SECONDS = 60;

    private record Key(long portalId, long userId) {
    }

    private final TokenStore store;
    private final OAuthServer oauth;
    private final Map<Key, CompletableFuture<UserCredentials>> inFlight = new ConcurrentHashMap<>();

    @Inject
    public TokenRefresher(TokenStore store, OAuthServer oauth) {
        this.store = store;
        this.oauth = oauth;
    }

    /**
     * @param stale the credentials the caller found expired
     * @return credentials with a live access token
     * @throws Bitrix24Exception.TokenRevoked the refresh token is dead; the user must open the app again
     */
    public UserCredentials refresh(UserCredentials stale) {
        Key key = new Key(stale.portalId(), stale.userId());
        CompletableFuture<UserCredentials> mine = new CompletableFuture<>();
        CompletableFuture<UserCredentials> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return join(running);
        }
        try {
            UserCredentials fresh = rotate(stale);
            mine.complete(fresh);
            return fresh;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private UserCredentials rotate(UserCredentials stale) {
        TokenStore.Rotation rotation = store.rotate(stale.portalId(), stale.userId(), stale.tokens().accessToken(), oauth::refresh);
        if (rotation instanceof TokenStore.Rotation.Current current) {
            return current.credentials();
        }
        throw new Bitrix24Exception.TokenRevoked("invalid_grant", "The user's Bitrix24 authorization was revoked");
    }

    /** The outcome of the refresh another caller runs: its pair, or its failure. */
    private static UserCredentials join(CompletableFuture<UserCredentials> running) {
        try {
            return running.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new Bitrix24Exception.Unavailable("REFRESH_TIMEOUT", "The token refresh did not finish in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Bitrix24Exception.Unavailable("INTERRUPTED", "The token refresh was interrupted");
        }
    }
}
