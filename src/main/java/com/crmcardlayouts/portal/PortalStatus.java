package com.crmcardlayouts.portal;

/**
 * Lifecycle of an installation: {@code NEW} (install page seen, application token not yet known) →
 * {@code ACTIVE} → {@code NEEDS_REAUTH} (the installer's refresh token was revoked) or
 * {@code UNINSTALLED}. {@link PortalChange} holds which happening leads where.
 */
public enum PortalStatus {
    NEW, ACTIVE, NEEDS_REAUTH, UNINSTALLED
}
