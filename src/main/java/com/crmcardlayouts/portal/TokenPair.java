package com.crmcardlayouts.portal;

import java.time.Instant;

/** A plaintext OAuth token pair, only ever held in memory. {@code toString} hides the tokens. */
public record TokenPair(String accessToken, String refreshToken, Instant expiresAt) {

    /** Expired, or about to: a call started now could outlive it. */
    public boolean isExpired(Instant now) {
        return !expiresAt.isAfter(now.plusSeconds(10));
    }

    @Override
    public String toString() {
        return "TokenPair[expiresAt=" + expiresAt + "]";
    }
}
