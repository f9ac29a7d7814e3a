package com.crmcardlayouts.simulator;

import java.time.Instant;

/**
 * A fresh OAuth token pair, as the portal hands it to a frame or an event.
 *
 * @param accessToken      70 hex characters, valid for {@link #expiresInSeconds()}
 * @param refreshToken     single use: a refresh rotates both tokens
 * @param expiresInSeconds {@code 3600}
 * @param expiresAt        when the access token expires
 * @param userId           the user the tokens act as
 * @param scope            e.g. {@code crm,placement,user_brief}
 */
public record IssuedTokens(String accessToken, String refreshToken, long expiresInSeconds, Instant expiresAt,
                           long userId, String scope) {
}
