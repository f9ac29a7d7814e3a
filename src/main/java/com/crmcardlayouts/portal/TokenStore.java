package com.crmcardlayouts.portal;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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

    private static final Logger LOG = Logger.getLogger(TokenStore.class);
    /**
     * Refreshes holding a pooled connection at once (each across its own OAuth call), well below the
     * pool's 20: many users expiring together queue here, without a connection, and page requests still
     * find connections. Waiting for another instance's refresh of the same row holds none either.
     */
    static final int REFRESHING_CONNECTIONS = 6;
    /** How long a refresh waits for the row lock (another instance refreshing) or a free connection. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Duration LOCKED_PAUSE = Duration.ofMillis(50);
    /**
     * After {@code invalid_grant}, the stored pair is read again after these pauses before the chain
     * is declared dead: another instance may be storing its rotation of it right now (its retries run
     * every second at most).
     */
    private static final List<Duration> INVALID_GRANT_RECHECKS = List.of(Duration.ofMillis(300), Duration.ofMillis(900));

    private final TokenCipher cipher;
    private final EntityManager em;
    private final UnstoredPairs unstored;
    private final Semaphore refreshing = new Semaphore(REFRESHING_CONNECTIONS, true);

    public TokenStore(TokenCipher cipher, EntityManager em, UnstoredPairs unstored) {
        this.cipher = cipher;
        this.em = em;
        this.unstored = unstored;
        unstored.storeWith(this::storeKept);
    }

    /** The user's usable credentials, or empty when the portal is not installed or the user has no live token. */
    @Transactional
    public Optional<UserCredentials> find(long portalId, long userId) {
        Portal portal = Portal.findById(portalId);
        if (portal == null || !portal.isInstalled()) {
            return Optional.empty();
        }
        return UserToken.find(portalId, userId).flatMap(row -> live(portal, row));
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
                .flatMap(token -> live(portal, token));
    }

    /**
     * Stores a pair Bitrix24 has just handed over with a request (install, placement, event). The access
     * token was verified; the refresh token was not, so it replaces only a chain the OAuth server has not
     * confirmed for this user, or a dead one: a request cannot swap a confirmed live chain for a
     * refresh token of someone else. Its own first refresh confirms it ({@link #rotate}).
     */
    @Transactional
    public void save(long portalId, long userId, TokenPair pair) {
        String context = context(portalId, userId);
        // One statement, so two first visits of the same user at once cannot collide.
        em.createNativeQuery("""
                insert into user_token (portal_id, user_id, access_token, refresh_token, expires_at)
                values (?1, ?2, ?3, ?4, ?5)
                on conflict (portal_id, user_id) do update set
                    access_token = excluded.access_token, expires_at = excluded.expires_at,
                    refresh_token = case when user_token.refresh_confirmed and user_token.revoked_at is null
                        then user_token.refresh_token else excluded.refresh_token end,
                    refresh_confirmed = user_token.refresh_confirmed and user_token.revoked_at is null,
                    revoked_at = null, version = user_token.version + 1, updated_at = now()
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
     * Replaces the user's pair through {@code refresher} unless another caller already did. The OAuth
     * call runs holding the row lock ({@code SELECT … FOR UPDATE}) on purpose: that lock is what keeps
     * two app instances from spending the same single-use refresh token. Waiting for that lock, or
     * for one of the few connections refreshes may hold, holds no connection. A rotated pair the
     * database then fails to take is kept in memory, used meanwhile and stored later
     * ({@link UnstoredPairs}); a refresh answer naming another portal or user is never stored.
     *
     * @param staleAccessToken the access token the caller found expired
     * @param refresher        calls the OAuth server with a refresh token; empty means {@code invalid_grant}
     * @throws DatabaseOutage.Busy when the row stayed locked, or no connection was free, for 30 s
     */
    public Rotation rotate(long portalId, long userId, String staleAccessToken,
                           Function<String, Optional<RefreshAnswer>> refresher) {
        UnstoredPairs.Key key = new UnstoredPairs.Key(portalId, userId);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        boolean rechecked = false;
        while (true) {
            Step step = underRowLock(key, deadline, staleAccessToken, refresher);
            if (step instanceof Step.Done done) {
                if (done.rotation() instanceof Rotation.Revoked) {
                    markForReauthorization(portalId, userId);
                }
                return done.rotation();
            }
            if (step instanceof Step.Spent spent) {
                // Another instance may be storing its rotation of this token right now: look again first.
                if (!rechecked && rotatedMeanwhile(key, spent.refreshToken())) {
                    rechecked = true;
                    continue;
                }
                if (declareDead(key, spent.refreshToken(), deadline)) {
                    markForReauthorization(portalId, userId);
                    return new Rotation.Revoked();
                }
            }
            if (System.nanoTime() + LOCKED_PAUSE.toNanos() > deadline) {
                throw new DatabaseOutage.Busy("The token of user " + userId + " on portal " + portalId + " stayed locked");
            }
            pause(LOCKED_PAUSE);
        }
    }

    /** What one locked attempt of a rotation came to. */
    private sealed interface Step {
        /** Finished: the pair to use, or the chain is dead. */
        record Done(Rotation rotation) implements Step {
        }

        /** The OAuth server said {@code invalid_grant} for the row's stored refresh token. */
        record Spent(String refreshToken) implements Step {
        }

        /** Another transaction holds the row. */
        record Locked() implements Step {
        }
    }

    private Step underRowLock(UnstoredPairs.Key key, long deadline, String staleAccessToken,
                              Function<String, Optional<RefreshAnswer>> refresher) {
        AtomicReference<UnstoredPairs.Unstored> rotated = new AtomicReference<>();
        AtomicReference<UserCredentials> rotatedCredentials = new AtomicReference<>();
        AtomicReference<UnstoredPairs.Unstored> keptWritten = new AtomicReference<>();
        acquireConnection(deadline);
        Step step;
        try {
            step = QuarkusTransaction.requiringNew().timeout(60).call(() -> {
                Optional<UserToken> locked = lockIfFree(key);
                if (locked == null) {
                    return new Step.Locked();
                }
                Portal portal = Portal.findById(key.portalId());
                if (portal == null || !portal.isInstalled() || locked.isEmpty()) {
                    return new Step.Done(new Rotation.Revoked());
                }
                UserToken row = locked.get();
                String stored = decryptRefreshToken(row);
                Optional<UnstoredPairs.Unstored> kept = unstored.get(key).filter(pair -> pair.expectedStored().equals(stored));
                if (kept.isEmpty() && row.revokedAt != null) {
                    return new Step.Done(new Rotation.Revoked());
                }
                TokenPair current = kept.map(UnstoredPairs.Unstored::pair).orElseGet(() -> decrypt(row));
                // Re-read under the lock: another thread or instance may have rotated the pair already.
                if (!current.accessToken().equals(staleAccessToken) && !current.isExpired(Instant.now())) {
                    kept.ifPresent(pair -> {
                        write(row, pair.pair());
                        keptWritten.set(pair);
                    });
                    return new Step.Done(new Rotation.Current(new UserCredentials(portal.id, portal.clientEndpoint, row.userId, current)));
                }
                Optional<RefreshAnswer> answer = refresher.apply(current.refreshToken());
                if (answer.isEmpty() && kept.isEmpty()) {
                    return new Step.Spent(stored);
                }
                if (answer.isEmpty() || !answer.get().belongsTo(portal.memberId, row.userId)) {
                    // Either the kept pair's chain is dead (no other instance ever had it), or the stored
                    // refresh token was someone else's (it came with a request): that pair goes nowhere.
                    // Either way this row's chain is spent.
                    if (answer.isPresent()) {
                        LOG.warnf("A refresh of user %d on portal %d answered for another portal or user; the pair was discarded",
                                row.userId, portal.id);
                    }
                    kept.ifPresent(pair -> unstored.forget(key, pair));
                    row.revokedAt = Instant.now();
                    row.updatedAt = Instant.now();
                    return new Step.Done(new Rotation.Revoked());
                }
                TokenPair renewed = answer.get().pair();
                // From here the old refresh token is spent: the new pair must survive a failing commit.
                rotated.set(new UnstoredPairs.Unstored(stored, renewed, Instant.now()));
                rotatedCredentials.set(new UserCredentials(portal.id, portal.clientEndpoint, row.userId, renewed));
                unstored.keep(key, rotated.get());
                write(row, renewed);
                return new Step.Done(new Rotation.Current(rotatedCredentials.get()));
            });
        } catch (RuntimeException e) {
            if (rotated.get() == null) {
                throw e;
            }
            LOG.warnf("Storing the rotated token pair of user %d on portal %d failed (%s); it is kept and stored once the database takes it",
                    key.userId(), key.portalId(), e.getClass().getSimpleName());
            unstored.retry(key);
            return new Step.Done(new Rotation.Current(rotatedCredentials.get()));
        } finally {
            refreshing.release();
        }
        // Committed: what was kept in memory is in the database now.
        Optional.ofNullable(rotated.get()).ifPresent(pair -> unstored.forget(key, pair));
        Optional.ofNullable(keptWritten.get()).ifPresent(pair -> unstored.forget(key, pair));
        return step;
    }

    /**
     * The row under {@code FOR UPDATE}: empty when there is none, null when another transaction holds
     * it (then nobody waits on the lock with a connection).
     */
    private Optional<UserToken> lockIfFree(UnstoredPairs.Key key) {
        List<?> free = em.createNativeQuery("select id from user_token where portal_id = ?1 and user_id = ?2 for update skip locked")
                .setParameter(1, key.portalId()).setParameter(2, key.userId()).getResultList();
        if (!free.isEmpty()) {
            return UserToken.lock(key.portalId(), key.userId());
        }
        return UserToken.find(key.portalId(), key.userId()).isPresent() ? null : Optional.empty();
    }

    /**
     * The installer's dead token leaves the portal without its background user. A transaction of its
     * own, after the rotation released the token row, taking locks in the order every writer does
     * (portal, then token): a fresh pair the installer is saving meanwhile is waited for and seen.
     */
    private void markForReauthorization(long portalId, long userId) {
        QuarkusTransaction.requiringNew().run(() -> {
            Portal portal = Portal.findById(portalId, LockModeType.PESSIMISTIC_WRITE);
            if (portal == null || !portal.isInstalledBy(userId) || !PortalChange.INSTALLER_TOKEN_REVOKED.moves().contains(portal.status())) {
                return;
            }
            boolean revoked = UserToken.lock(portalId, userId).map(row -> row.revokedAt != null).orElse(false);
            if (revoked) {
                portal.installerTokenRevoked();
            }
        });
    }

    /**
     * After {@code invalid_grant}: whether the stored refresh token changed within a short wait (another
     * instance stored its rotation). Reads without a lock and holds no connection while waiting.
     */
    private boolean rotatedMeanwhile(UnstoredPairs.Key key, String spent) {
        // A connection only for each short read, none while waiting.
        for (Duration wait : INVALID_GRANT_RECHECKS) {
            pause(wait);
            boolean changed = QuarkusTransaction.requiringNew().call(() -> UserToken.find(key.portalId(), key.userId())
                    .map(row -> row.revokedAt != null || !decryptRefreshToken(row).equals(spent))
                    .orElse(true));
            if (changed) {
                return true;
            }
        }
        return false;
    }

    /**
     * Marks the chain dead, but only if the row still holds the spent refresh token and this instance
     * keeps no newer pair for it.
     *
     * @return false when the row is locked or changed meanwhile: the rotation starts over
     */
    private boolean declareDead(UnstoredPairs.Key key, String spent, long deadline) {
        acquireConnection(deadline);
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                Optional<UserToken> locked = lockIfFree(key);
                if (locked == null) {
                    return false;
                }
                if (locked.isEmpty()) {
                    return true;
                }
                UserToken row = locked.get();
                if (unstored.get(key).isPresent() || !decryptRefreshToken(row).equals(spent)) {
                    return false;
                }
                row.revokedAt = Instant.now();
                row.updatedAt = Instant.now();
                return true;
            });
        } finally {
            refreshing.release();
        }
    }

    /**
     * Stores a kept pair if the row still holds the refresh token it was rotated from (compare-and-set),
     * bringing a chain back to life that another instance declared dead meanwhile. Portal first, token
     * second: the order every writer keeps.
     */
    private UnstoredPairs.Attempt storeKept(UnstoredPairs.Key key, UnstoredPairs.Unstored pair) {
        if (!refreshing.tryAcquire()) {
            return UnstoredPairs.Attempt.FAILED;
        }
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                Portal.installerReturned(key.portalId(), key.userId());
                Optional<UserToken> locked = lockIfFree(key);
                if (locked == null) {
                    QuarkusTransaction.setRollbackOnly();
                    return UnstoredPairs.Attempt.FAILED;
                }
                if (locked.isEmpty() || !decryptRefreshToken(locked.get()).equals(pair.expectedStored())) {
                    QuarkusTransaction.setRollbackOnly();
                    return UnstoredPairs.Attempt.SUPERSEDED;
                }
                write(locked.get(), pair.pair());
                LOG.infof("Stored the kept rotated token pair of user %d on portal %d", key.userId(), key.portalId());
                return UnstoredPairs.Attempt.STORED;
            });
        } finally {
            refreshing.release();
        }
    }

    /** The row's pair, or the kept pair rotated from it that the database has not taken yet. */
    private Optional<UserCredentials> live(Portal portal, UserToken row) {
        UnstoredPairs.Key key = new UnstoredPairs.Key(row.portalId, row.userId);
        Optional<UnstoredPairs.Unstored> kept = unstored.get(key);
        if (kept.isPresent()) {
            if (kept.get().expectedStored().equals(decryptRefreshToken(row))) {
                return Optional.of(new UserCredentials(portal.id, portal.clientEndpoint, row.userId, kept.get().pair()));
            }
            // Something newer was stored meanwhile (the user opened the app again): the kept pair is moot.
            unstored.forget(key, kept.get());
        }
        if (row.revokedAt != null) {
            return Optional.empty();
        }
        return Optional.of(new UserCredentials(portal.id, portal.clientEndpoint, row.userId, decrypt(row)));
    }

    private void write(UserToken row, TokenPair pair) {
        String context = context(row.portalId, row.userId);
        row.accessToken = cipher.encrypt(pair.accessToken(), context);
        row.refreshToken = cipher.encrypt(pair.refreshToken(), context);
        row.expiresAt = pair.expiresAt();
        row.refreshConfirmed = true;
        row.revokedAt = null;
        row.updatedAt = Instant.now();
    }

    private TokenPair decrypt(UserToken row) {
        String context = context(row.portalId, row.userId);
        return new TokenPair(cipher.decrypt(row.accessToken, context), cipher.decrypt(row.refreshToken, context), row.expiresAt);
    }

    private String decryptRefreshToken(UserToken row) {
        return cipher.decrypt(row.refreshToken, context(row.portalId, row.userId));
    }

    private void acquireConnection(long deadline) {
        try {
            if (!refreshing.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new DatabaseOutage.Busy("Every connection refreshes may use stayed taken");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseOutage.Busy("Interrupted while waiting to refresh");
        }
    }

    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseOutage.Busy("Interrupted while waiting to refresh");
        }
    }

    static String context(long portalId, long userId) {
        return "user_token:" + portalId + ":" + userId;
    }
}
