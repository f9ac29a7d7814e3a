package com.crmcardlayouts.portal;

/** Where and as whom to call a portal: the verified REST endpoint and one user's current tokens. */
public record UserCredentials(long portalId, String clientEndpoint, long userId, TokenPair tokens) {
}
