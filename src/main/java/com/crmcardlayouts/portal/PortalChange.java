package com.crmcardlayouts.portal;

import static com.crmcardlayouts.portal.PortalStatus.ACTIVE;
import static com.crmcardlayouts.portal.PortalStatus.NEEDS_REAUTH;
import static com.crmcardlayouts.portal.PortalStatus.NEW;
import static com.crmcardlayouts.portal.PortalStatus.UNINSTALLED;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * What can happen to a portal, and the one table of where each happening leads from each state. A state
 * missing from a row refuses that happening: only a new installation brings an uninstalled portal back.
 */
public enum PortalChange {
    /** An administrator installed the app and its application token is known. */
    INSTALLED(Map.of(NEW, ACTIVE, ACTIVE, ACTIVE, NEEDS_REAUTH, ACTIVE, UNINSTALLED, ACTIVE)),
    /** An administrator installed the app before Bitrix24 delivered its application token. */
    INSTALLED_WITHOUT_APPLICATION_TOKEN(Map.of(NEW, NEW, ACTIVE, NEW, NEEDS_REAUTH, NEW, UNINSTALLED, NEW)),
    /** An application token was stored; a token arriving late for a removed installation revives nothing. */
    APPLICATION_TOKEN_STORED(Map.of(NEW, ACTIVE, ACTIVE, ACTIVE, NEEDS_REAUTH, NEEDS_REAUTH, UNINSTALLED, UNINSTALLED)),
    /** Bitrix24 revoked the installer's refresh token: background work has no user until they return. */
    INSTALLER_TOKEN_REVOKED(Map.of(NEW, NEEDS_REAUTH, ACTIVE, NEEDS_REAUTH, NEEDS_REAUTH, NEEDS_REAUTH)),
    /** The installer came back with fresh tokens. */
    INSTALLER_RETURNED(Map.of(NEW, NEW, ACTIVE, ACTIVE, NEEDS_REAUTH, ACTIVE)),
    /** A verified uninstall; repeating it changes nothing. */
    UNINSTALLED_BY_PORTAL(Map.of(NEW, UNINSTALLED, ACTIVE, UNINSTALLED, NEEDS_REAUTH, UNINSTALLED, UNINSTALLED, UNINSTALLED));

    /** A happening the portal's state does not take. */
    public static final class Refused extends IllegalStateException {
        Refused(PortalChange change, PortalStatus from) {
            super("A portal in state " + from + " cannot take " + change);
        }
    }

    private final Map<PortalStatus, PortalStatus> next;

    PortalChange(Map<PortalStatus, PortalStatus> next) {
        this.next = new EnumMap<>(next);
    }

    /**
     * The state this happening leads to from {@code from}.
     *
     * @throws Refused when {@code from} does not take it
     */
    public PortalStatus from(PortalStatus from) {
        PortalStatus to = next.get(from);
        if (to == null) {
            throw new Refused(this, from);
        }
        return to;
    }

    /** The states this happening moves to another state, e.g. for a conditional update in the database. */
    public Set<PortalStatus> moves() {
        Set<PortalStatus> moved = EnumSet.noneOf(PortalStatus.class);
        next.forEach((from, to) -> {
            if (from != to) {
                moved.add(from);
            }
        });
        return moved;
    }
}
