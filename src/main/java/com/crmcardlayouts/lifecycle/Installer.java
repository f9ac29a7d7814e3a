package com.crmcardlayouts.lifecycle;

import com.crmcardlayouts.bindings.Binder;
import com.crmcardlayouts.bindings.ChosenTabs;
import com.crmcardlayouts.frame.FrameRejected;
import com.crmcardlayouts.frame.FrameRequest;
import com.crmcardlayouts.frame.FrameVerifier;
import com.crmcardlayouts.frame.PortalAdminCheck;
import com.crmcardlayouts.frame.VerifiedFrame;
import com.crmcardlayouts.bitrix24.Bitrix24Exception;
import com.crmcardlayouts.bitrix24.CardType;
import com.crmcardlayouts.bitrix24.Deadline;
import com.crmcardlayouts.frame.FrameRejected.Reason;
import com.crmcardlayouts.portal.Portal;
import com.crmcardlayouts.portal.PortalLock;
import com.crmcardlayouts.portal.PortalRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;

/** Installs the app on a portal from the installer page's verified request. */
@ApplicationScoped
public class Installer {

    private static final Logger LOG = Logger.getLogger(Installer.class);
    /** How long an install waits at most for a settings save of the same portal to finish (out of its deadline); a save takes a few Bitrix24 calls. */
    private static final Duration WAIT_FOR_SETTINGS_SAVE = Duration.ofSeconds(10);

    /** What the installer page reports; {@code adminUserId} is the installing administrator, {@code tabs} the bound card tabs. */
    public record Result(Portal portal, long adminUserId, List<CardType> tabs) {
    }

    private final FrameVerifier verifier;
    private final PortalRegistry portals;
    private final PortalAdminCheck admins;
    private final Binder binder;
    private final ChosenTabs chosenTabs;
    private final PortalLock lock;

    public Installer(FrameVerifier verifier, PortalRegistry portals, PortalAdminCheck admins, Binder binder, ChosenTabs chosenTabs,
                     PortalLock lock) {
        this.verifier = verifier;
        this.portals = portals;
        this.admins = admins;
        this.binder = binder;
        this.chosenTabs = chosenTabs;
        this.lock = lock;
    }

    public Result install(FrameRequest request) {
        VerifiedFrame frame = verifier.verify(request);
        return install(frame, binder.deadline());
    }

    /**
     * Also used when an administrator opens the app on a portal the app does not know (a missed install).
     *
     * @param deadline the request's; the binding calls take at most {@link Binder#CALL_LIMIT} each within it
     */
    public Result install(VerifiedFrame frame, Deadline deadline) {
        FrameRequest request = frame.request();
        boolean installed = frame.portal().filter(Portal::isInstalled).isPresent();
        if (!isPortalAdmin(frame)) {
            // CONTRACT §5: a portal the app does not serve is "not installed" for everyone but an administrator.
            throw new FrameRejected(installed ? Reason.NOT_ADMIN : Reason.NOT_INSTALLED, request.lang());
        }
        if (!request.hasRefreshToken()) {
            throw new FrameRejected(Reason.INCOMPLETE_REQUEST, request.lang());
        }
        if (installed) {
            verifier.checkApplicationToken(frame.portal().get(), request);
        }
        Portal portal = portals.install(frame.info().facts(), frame.userId(), request.tokens(), request.applicationToken());
        try {
            // The chosen tabs are read under the lock, so a settings save cannot change them between the read and the binding.
            List<CardType> tabs = lock.whileHeld(portal.id, shorter(WAIT_FOR_SETTINGS_SAVE, deadline.remaining()), () -> {
                List<CardType> chosen = chosenTabs.of(portal.id);
                binder.reconcile(portal.id, frame.userId(), chosen, deadline);
                return chosen;
            });
            LOG.infof("Installed on portal %s (%s) by user %d", portal.memberId, portal.domain, frame.userId());
            return new Result(portal, frame.userId(), tabs);
        } catch (PortalLock.Busy e) {
            LOG.infof("Install on portal %s waited too long for a settings save", portal.memberId);
            throw new FrameRejected(Reason.BUSY, request.lang());
        } catch (Bitrix24Exception e) {
            LOG.warnf("Binding placements and events failed on portal %s: %s", portal.memberId, e.getMessage());
            throw FrameRejected.of(e, request.lang());
        }
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }

    private boolean isPortalAdmin(VerifiedFrame frame) {
        try {
            return admins.isPortalAdmin(frame.info(), frame.request().authId());
        } catch (Bitrix24Exception e) {
            throw new FrameRejected(Reason.BITRIX24_UNAVAILABLE, frame.request().lang());
        }
    }
}
