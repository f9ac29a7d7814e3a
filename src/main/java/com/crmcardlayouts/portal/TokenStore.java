package com.crmcardlayouts.portal;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/** Stores each user's OAuth tokens encrypted, and rotates them one refresh at a time. */
@ApplicationScoped
public class TokenStore {

    /** What a rotation ended with. */
    public sealed interface Rotation {
        /** The pair to use now: freshly refreshed, or rotated meanwhile by another caller. */
        record Current(UserCredentials credentials) implements Rotation {
        }

        /** The OAuth server refused the refresh token; the user must open the app again. */
        record Revoked() implements Rotation {
        }
    }

    private final TokenCipher cipher;
    private final EntityManager em;

    public TokenStore(TokenCipher cipher, EntityManager em) {
        this.cipher = cipher;
        this.em = em;
    }

    /** The user's usable credentials, or empty when the portal is not installed or the user has no live token. */
    @Transactional
    public Optional<UserCredentials> find(long portalId, long userId) {
        Portal portal = Portal.findById(portalId);
        if (portal == null || !portal.isInstalled()) {
            return Optional.empty();
        }
        return UserToken.find(portalId, userId)
                .filter(token -> token.revokedAt == null)
                .map(token -> credentials(portal, token));
    }

    /** The portal's most recently stored pair that is not known dead, e.g. to ask the OAuth server whether access is gone. */
    @Transactional
    public Optional<UserCredentials> mostRecent(long portalId) {
        Portal portal = Portal.findById(portalId);
        if (portal == null) {
            return Optional.empty();
        }
        return UserToken.<UserToken>find("portalId = ?1 and revokedAt is null", Sort.descending("updatedAt"), portalId)
                .firstResultOptional()
                .map(token -> credentials(portal, token));
    }

    /** Stores a pair Bitrix24 has just handed over (install, placement, event), replacing any older one. */
    @Transactional
    public void save(long portalId, long userId, TokenPair pair) {
        String context = context(portalId, userId);
        // One statement, so two first visits of the same user at once cannot collide.
        em.createNativeQuery("""
                insert into user_token (portal_id, user_id, access_token, refresh_token, expires_at)
                values (?1, ?2, ?3, ?4, ?5)
                on conflict (portal_id, user_id) do update set
                    access_token = excluded.access_token, refresh_token = excluded.refresh_token,
                    expires_at = excluded.expires_at, revoked_at = null,
                    version = user_token.version + 1, updated_at = now()
                """)
                .setParameter(1, portalId)
                .setParameter(2, userId)
                .setParameter(3, cipher.encrypt(pair.accessToken(), context))
                .setParameter(4, cipher.encrypt(pair.refreshToken(), context))
                .setParameter(5, pair.expiresAt())
                .executeUpdate();
    }

    /** Deletes every token of the portal (uninstall); the portal row and its history stay. */
    @Transactional
    public long wipe(long portalId) {
        return UserToken.delete("portalId", portalId);
    }

    /**
     * Replaces the user's pair through {@code refresher} unless another caller already did.
     * Runs in its own transaction holding the row lock ({@code SELECT … FOR UPDATE}) across the
     * OAuth call on purpose: that lock is what keeps two app instances from spending the same
     * single-use refresh token, and the new pair is stored before the lock is released.
     *
     * @param staleAccessToken the access token the caller found expired
     * @param refresher        calls the OAuth server with a refresh token; empty means {@code invalid_grant}
     */
    public Rotation rotate(long portalId, long userId, String staleAccessToken,
                           Function<String, Optional<TokenPair>> refresher) {
        Rotation rotation = QuarkusTransaction.requiringNew().timeout(60).call(() -> {
            em.createNativeQuery("set local lock_timeout = '30s'").executeUpdate();
            Portal portal = Portal.findById(portalId);
            UserToken row = UserToken.lock(portalId, userId).orElse(null);
            if (portal == null || !portal.isInstalled() || row == null || row.revokedAt != null) {
                return new Rotation.Revoked();
            }
            UserCredentials current = credentials(portal, row);
            // Re-read under the lock: another thread or instance may have rotated the pair already.
            if (!current.tokens().accessToken().equals(staleAccessToken) && !current.tokens().isExpired(Instant.now())) {
                return new Rotation.Current(current);
            }
            Optional<TokenPair> renewed = refresher.apply(current.tokens().refreshToken());
            if (renewed.isEmpty()) {
                // Nobody else can have rotated it while we hold the lock: the chain is dead.
                row.revokedAt = Instant.now();
                row.updatedAt = Instant.now();
                return new Rotation.Revoked();
            }
            String context = context(portalId, userId);
            row.accessToken = cipher.encrypt(renewed.get().accessToken(), context);
            row.refreshToken = cipher.encrypt(renewed.get().refreshToken(), context);
            row.expiresAt = renewed.get().expiresAt();
            row.updatedAt = Instant.now();
            return new Rotation.Current(new UserCredentials(portalId, portal.clientEndpoint, userId, renewed.get()));
        });
        if (rotation instanceof Rotation.Revoked) {
            markForReauthorization(portalId, userId);
        }
        return rotation;
    }

    /**
     * The installer's dead token leaves the portal without its background user. A transaction of its
     * own, after the rotation released the token row, taking locks in the order every writer does
     * (portal, then token): a fresh pair the installer is saving meanwhile is waited for and seen.
     */
    private void markForReauthorization(long portalId, long userId) {
        QuarkusTransaction.requiringNew().run(() -> {
            Portal portal = Portal.findById(portalId, LockModeType.PESSIMISTIC_WRITE);
            boolean installer = portal != null && portal.installedBy != null && portal.installedBy == userId;
            if (!installer || (portal.status != PortalStatus.NEW && portal.status != PortalStatus.ACTIVE)) {
                return;
            }
            boolean revoked = UserToken.lock(portalId, userId).map(row -> row.revokedAt != null).orElse(false);
            if (revoked) {
                portal.status = PortalStatus.NEEDS_REAUTH;
                portal.updatedAt = Instant.now();
            }
        });
    }

    private UserCredentials credentials(Portal portal, UserToken row) {
        String context = context(row.portalId, row.userId);
        TokenPair pair = new TokenPair(cipher.decrypt(row.accessToken, context),
                cipher.decrypt(row.refreshToken, context), row.expiresAt);
        return new UserCredentials(portal.id, portal.clientEndpoint, row.userId, pair);
    }

    static String context(long portalId, long userId) {
        return "user_token:" + portalId + ":" + userId;
    }
}
