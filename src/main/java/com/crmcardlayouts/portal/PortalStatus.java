package com.crmcardlayouts.portal;

/**
 * Lifecycle of an installation: {@code NEW} (install page seen, not yet finished) →
 * {@code ACTIVE} → {@code NEEDS_REAUTH} (the installer's refresh token was revoked) or
 * {@code UNINSTALLED}. A reinstall brings any state back to {@code ACTIVE}.
 */
public enum PortalStatus {
    NEW, ACTIVE, NEEDS_REAUTH, UNINSTALLED
}
