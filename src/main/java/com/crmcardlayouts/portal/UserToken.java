package com.crmcardlayouts.portal;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Optional;

/** One user's OAuth token pair on one portal; both tokens are stored encrypted. */
@Entity
@Table(name = "user_token")
public class UserToken extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "portal_id")
    public Long portalId;

    /** Bitrix24 user id, e.g. {@code 7}. */
    @Column(name = "user_id")
    public Long userId;

    /** Ciphertext, see {@link TokenCipher}. */
    @Column(name = "access_token")
    public String accessToken;

    /** Ciphertext; refresh tokens rotate and are single-use. */
    @Column(name = "refresh_token")
    public String refreshToken;

    /**
     * True once a refresh answer named this row's portal and user: the chain is this user's. A refresh
     * token that came with a request does not replace a confirmed live one.
     */
    @Column(name = "refresh_confirmed")
    public boolean refreshConfirmed;

    @Column(name = "expires_at")
    public Instant expiresAt;

    /** Set when the OAuth server refused the refresh token; the user must open the app again. */
    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Version
    public long version;

    @Column(name = "updated_at")
    public Instant updatedAt = Instant.now();

    static Optional<UserToken> find(long portalId, long userId) {
        return find("portalId = ?1 and userId = ?2", portalId, userId).firstResultOptional();
    }

    /** Reads the row under {@code SELECT … FOR UPDATE}: the lock that serializes refreshes across instances. */
    static Optional<UserToken> lock(long portalId, long userId) {
        return find("portalId = ?1 and userId = ?2", portalId, userId)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }
}
