package com.crmcardlayouts.simulator;

import java.util.Optional;

/** The {@code Authorization: Bearer <token>} header that the simulated OAuth server and portals accept. */
public final class BearerToken {

    private static final String SCHEME = "Bearer ";

    private BearerToken() {
    }

    /** The token of a Bearer header (scheme in any case, token trimmed); empty for no header or another scheme. */
    public static Optional<String> of(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                ? Optional.of(authorization.substring(SCHEME.length()).trim())
                : Optional.empty();
    }
}
