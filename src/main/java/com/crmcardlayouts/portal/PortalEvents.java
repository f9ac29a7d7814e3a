package com.crmcardlayouts.portal;

/** CDI events through which lifecycle changes reach the features. */
public final class PortalEvents {

    private PortalEvents() {
    }

    /** What happened to a portal's installation. */
    public enum Change {
        /** The first installation on the portal. */
        INSTALLED,
        /** A new installation after an uninstall. */
        REINSTALLED,
        UPDATED,
        UNINSTALLED,
        /** A lifecycle event that could not be verified; nothing was changed. */
        EVENT_REFUSED,
        /** A lifecycle event that could not be verified because the OAuth server did not answer; nothing was changed. */
        EVENT_UNCONFIRMED,
        /** An administrator's verified frame request brought another application token than the stored one. */
        APPLICATION_TOKEN_REPLACED
    }

    /**
     * A lifecycle change, or a refused lifecycle event, on a portal the app knows; never carries a token.
     * Fired inside the transaction that made the change, so an observer's writes commit with it.
     *
     * @param userId the Bitrix24 user the OAuth server named for it, e.g. {@code 1}; {@code null} when none did
     * @param detail a few words, e.g. {@code version 3} or why an event was refused; never request text
     */
    public record Lifecycle(long portalId, Change change, Long userId, String detail) {
    }
}
