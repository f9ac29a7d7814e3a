package com.crmcardlayouts.bitrix24;

import com.crmcardlayouts.portal.UserCredentials;

import java.util.Optional;

/**
 * Whom Bitrix24 is asked as: one user of one portal, with their stored token (read when the call is
 * made, unless the caller already read it in its own transaction).
 */
public record ActingUser(long portalId, long userId, Optional<UserCredentials> credentials) {

    public static ActingUser of(long portalId, long userId) {
        return new ActingUser(portalId, userId, Optional.empty());
    }

    /** The user of credentials read already, e.g. with the rest of a page-API request's state. */
    public static ActingUser of(UserCredentials credentials) {
        return new ActingUser(credentials.portalId(), credentials.userId(), Optional.of(credentials));
    }
}
