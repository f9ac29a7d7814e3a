package com.crmcardlayouts.portal;

/** CDI events through which lifecycle changes reach the features. */
public final class PortalEvents {

    private PortalEvents() {
    }

    /** The app was installed (or reinstalled) on a portal. */
    public record Installed(long portalId) {
    }
}
