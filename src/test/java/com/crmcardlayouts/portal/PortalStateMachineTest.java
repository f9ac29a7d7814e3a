package com.crmcardlayouts.portal;

import static com.crmcardlayouts.portal.PortalStatus.ACTIVE;
import static com.crmcardlayouts.portal.PortalStatus.NEEDS_REAUTH;
import static com.crmcardlayouts.portal.PortalStatus.NEW;
import static com.crmcardlayouts.portal.PortalStatus.UNINSTALLED;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;

/** Every happening from every state, through the methods of {@link Portal}: where it leads, or that it is refused. */
class PortalStateMachineTest {

    private static final long INSTALLER = 1;

    @Test
    void installingWithAKnownApplicationTokenMakesAnyPortalActive() {
        for (PortalStatus from : PortalStatus.values()) {
            assertLeads(from, portal -> {
                portal.applicationToken = "sealed";
                portal.install(INSTALLER);
            }, ACTIVE);
        }
    }

    @Test
    void installingBeforeTheApplicationTokenArrivedLeavesAnyPortalNew() {
        for (PortalStatus from : PortalStatus.values()) {
            assertLeads(from, portal -> {
                portal.forgetApplicationToken();
                portal.install(7);
            }, NEW);
        }
    }

    @Test
    void installingNamesTheInstaller() {
        Portal portal = in(UNINSTALLED);
        portal.install(7);
        assertTrue(portal.isInstalledBy(7));
        assertFalse(portal.isInstalledBy(INSTALLER));
    }

    @Test
    void storingAnApplicationTokenFinishesOnlyANewInstallation() {
        assertLeads(NEW, portal -> portal.storeApplicationToken("sealed"), ACTIVE);
        assertLeads(ACTIVE, portal -> portal.storeApplicationToken("sealed"), ACTIVE);
        assertLeads(NEEDS_REAUTH, portal -> portal.storeApplicationToken("sealed"), NEEDS_REAUTH);
        assertLeads(UNINSTALLED, portal -> portal.storeApplicationToken("sealed"), UNINSTALLED);
    }

    @Test
    void aRevokedInstallerTokenNeedsReauthorizationUnlessUninstalled() {
        assertLeads(NEW, Portal::installerTokenRevoked, NEEDS_REAUTH);
        assertLeads(ACTIVE, Portal::installerTokenRevoked, NEEDS_REAUTH);
        assertLeads(NEEDS_REAUTH, Portal::installerTokenRevoked, NEEDS_REAUTH);
        assertRefused(UNINSTALLED, Portal::installerTokenRevoked, PortalChange.INSTALLER_TOKEN_REVOKED);
    }

    @Test
    void theInstallersReturnLiftsOnlyNeedsReauthAndCannotReviveAnUninstalledPortal() {
        assertLeads(NEW, Portal::installerReturned, NEW);
        assertLeads(ACTIVE, Portal::installerReturned, ACTIVE);
        assertLeads(NEEDS_REAUTH, Portal::installerReturned, ACTIVE);
        assertRefused(UNINSTALLED, Portal::installerReturned, PortalChange.INSTALLER_RETURNED);
    }

    @Test
    void uninstallingEndsEveryStateAndRepeatingItChangesNothing() {
        Instant at = Instant.parse("2026-01-02T03:04:05Z");
        for (PortalStatus from : EnumSet.of(NEW, ACTIVE, NEEDS_REAUTH)) {
            Portal portal = in(from);
            assertTrue(portal.uninstall(at), from + " was not uninstalled");
            assertEquals(UNINSTALLED, portal.status());
            assertEquals(at, portal.uninstalledAt);
        }
        Portal uninstalled = in(UNINSTALLED);
        Instant first = uninstalled.uninstalledAt;
        assertFalse(uninstalled.uninstall(at.plusSeconds(60)));
        assertEquals(first, uninstalled.uninstalledAt, "a repeated uninstall moved the time it happened");
    }

    @Test
    void theTableRefusesExactlyWhatItDoesNotList() {
        for (PortalChange change : PortalChange.values()) {
            for (PortalStatus from : PortalStatus.values()) {
                boolean refused = Set.of(PortalChange.INSTALLER_TOKEN_REVOKED, PortalChange.INSTALLER_RETURNED).contains(change)
                        && from == UNINSTALLED;
                if (refused) {
                    PortalChange.Refused e = assertThrows(PortalChange.Refused.class, () -> change.from(from));
                    assertEquals("A portal in state UNINSTALLED cannot take " + change, e.getMessage());
                } else {
                    assertDoesNotThrow(() -> change.from(from), change + " from " + from);
                }
            }
        }
        assertEquals(EnumSet.of(NEEDS_REAUTH), PortalChange.INSTALLER_RETURNED.moves(), "what the conditional update matches");
        assertEquals(EnumSet.of(NEW, ACTIVE), PortalChange.INSTALLER_TOKEN_REVOKED.moves());
    }

    private static void assertLeads(PortalStatus from, Consumer<Portal> happening, PortalStatus expected) {
        Portal portal = in(from);
        happening.accept(portal);
        assertEquals(expected, portal.status(), "from " + from);
    }

    private static void assertRefused(PortalStatus from, Consumer<Portal> happening, PortalChange change) {
        Portal portal = in(from);
        PortalChange.Refused e = assertThrows(PortalChange.Refused.class, () -> happening.accept(portal));
        assertEquals("A portal in state " + from + " cannot take " + change, e.getMessage());
        assertEquals(from, portal.status(), "a refused happening changed the state");
    }

    /** A portal brought into {@code status} the way the app brings it there. */
    private static Portal in(PortalStatus status) {
        Portal portal = new Portal();
        portal.installedBy = INSTALLER;
        switch (status) {
            case NEW -> {
            }
            case ACTIVE -> portal.storeApplicationToken("sealed");
            case NEEDS_REAUTH -> {
                portal.storeApplicationToken("sealed");
                portal.installerTokenRevoked();
            }
            case UNINSTALLED -> portal.uninstall(Instant.parse("2026-01-01T00:00:00Z"));
        }
        assertEquals(status, portal.status());
        return portal;
    }
}
