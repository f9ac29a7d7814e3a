package com.crmcardlayouts.simulator;

import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OAuth server's memory: every access and refresh token of every simulated portal.
 * Refresh is atomic per refresh token: of two concurrent refreshes with the same token exactly one wins.
 * Refreshes and revocations exclude each other, so a refresh in flight during an uninstall cannot
 * leave a live pair behind it, as Bitrix24 has revoked everything before it sends ONAPPUNINSTALL.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = {"dev", "test", "demo"})
public class TokenRegistry {

    static final long ACCESS_TOKEN_SECONDS = 3600;

    private final Map<String, AccessGrant> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, RefreshGrant> refreshTokens = new ConcurrentHashMap<>();
    // Dead refresh tokens are remembered so that a reuse is still counted for its portal and user.
    private final Map<String, RefreshGrant> deadRefreshTokens = new ConcurrentHashMap<>();

    /** A live access token. */
    public static final class AccessGrant {
        private final SimPortal portal;
        private final long userId;
        private final String scope;
        private volatile Instant expiresAt;

        AccessGrant(SimPortal portal, long userId, String scope, Instant expiresAt) {
            this.portal = portal;
            this.userId = userId;
            this.scope = scope;
            this.expiresAt = expiresAt;
        }

        public SimPortal portal() {
            return portal;
        }

        public long userId() {
            return userId;
        }

        public String scope() {
            return scope;
        }

        public Instant expiresAt() {
            return expiresAt;
        }

        public boolean expired() {
            return !Instant.now().isBefore(expiresAt);
        }
    }

    /** A refresh token and the access token issued with it. */
    public record RefreshGrant(String token, String accessToken, SimPortal portal, long userId, String scope) {
    }

    /** The result of a refresh request. */
    public sealed interface RefreshOutcome permits Refreshed, Rejected {
    }

    /** The old pair is dead; here is the new one. */
    public record Refreshed(SimPortal portal, IssuedTokens tokens) implements RefreshOutcome {
    }

    /** The token was unknown, used or revoked; {@code known} names its portal and user if it ever existed. */
    public record Rejected(Optional<RefreshGrant> known) implements RefreshOutcome {
    }

    public IssuedTokens issue(SimPortal portal, long userId, String scope) {
        String access = Randoms.hex(70);
        String refresh = Randoms.hex(70);
        Instant expiresAt = Instant.now().plusSeconds(ACCESS_TOKEN_SECONDS);
        accessTokens.put(access, new AccessGrant(portal, userId, scope, expiresAt));
        refreshTokens.put(refresh, new RefreshGrant(refresh, access, portal, userId, scope));
        return new IssuedTokens(access, refresh, ACCESS_TOKEN_SECONDS, expiresAt, userId, scope);
    }

    public Optional<AccessGrant> access(String token) {
        return token == null ? Optional.empty() : Optional.ofNullable(accessTokens.get(token));
    }

    public synchronized RefreshOutcome refresh(String refreshToken) {
        RefreshGrant grant = refreshTokens.remove(refreshToken);
        if (grant == null) {
            return new Rejected(Optional.ofNullable(deadRefreshTokens.get(refreshToken)));
        }
        deadRefreshTokens.put(refreshToken, grant);
        accessTokens.remove(grant.accessToken());
        return new Refreshed(grant.portal(), issue(grant.portal(), grant.userId(), grant.scope()));
    }

    void expireAll(SimPortal portal) {
        Instant past = Instant.now().minusSeconds(1);
        accessTokens.values().stream().filter(g -> g.portal == portal).forEach(g -> g.expiresAt = past);
    }

    synchronized void revokeRefreshTokens(SimPortal portal, long userId) {
        kill(refreshTokens.values().stream()
                .filter(g -> g.portal() == portal && g.userId() == userId).toList());
    }

    synchronized void revokeAll(SimPortal portal) {
        kill(refreshTokens.values().stream().filter(g -> g.portal() == portal).toList());
        accessTokens.values().removeIf(g -> g.portal == portal);
    }

    private void kill(List<RefreshGrant> grants) {
        for (RefreshGrant grant : grants) {
            if (refreshTokens.remove(grant.token()) != null) {
                deadRefreshTokens.put(grant.token(), grant);
            }
        }
    }

    void clear() {
        accessTokens.clear();
        refreshTokens.clear();
        deadRefreshTokens.clear();
    }
}
