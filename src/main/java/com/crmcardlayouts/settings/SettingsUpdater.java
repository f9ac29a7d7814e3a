package com.crmcardlayouts.settings;

import com.crmcardlayouts.audit.AuditEntry;
import com.crmcardlayouts.audit.AuditJournal;
import com.crmcardlayouts.bitrix24.Bitrix24Exception;
import com.crmcardlayouts.bitrix24.CardType;
import com.crmcardlayouts.bitrix24.Deadline;
import com.crmcardlayouts.bindings.Binder;
import com.crmcardlayouts.requests.Bitrix24Failures;
import com.crmcardlayouts.requests.Caller;
import com.crmcardlayouts.requests.Refusal;
import com.crmcardlayouts.requests.Refused;
import com.crmcardlayouts.portal.Portal;
import com.crmcardlayouts.portal.PortalLock;
import com.crmcardlayouts.portal.PortalRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;

/**
 * A portal administrator changes the settings from the console. The settings are stored first and
 * the tabs then bound, with that administrator's own token; when Bitrix24 refuses the binding, the
 * old settings are put back and the answer says why. Storing cannot fail after a binding (the
 * tab list has no length limit), so stored and bound tabs never part ways. Saves of one portal run one at a
 * time and never beside an install (on every instance), so two administrators saving at once cannot
 * leave the stored tabs different from the bound ones; a save that finds another running is refused
 * at once rather than holding a pooled connection while it waits. Smart processes are checked
 * against the portal's own list first, so a mistyped one is refused as input rather than failing in
 * Bitrix24. Every attempt that reaches Bitrix24 is journaled.
 */
@ApplicationScoped
public class SettingsUpdater {

    private static final Logger LOG = Logger.getLogger(SettingsUpdater.class);

    private final PortalRegistry portals;
    private final SettingsStore settings;
    private final Binder binder;
    private final SmartProcesses smartProcesses;
    private final AuditJournal journal;
    private final PortalLock lock;

    SettingsUpdater(PortalRegistry portals, SettingsStore settings, Binder binder, SmartProcesses smartProcesses,
                    AuditJournal journal, PortalLock lock) {
        this.portals = portals;
        this.settings = settings;
        this.binder = binder;
        this.smartProcesses = smartProcesses;
        this.journal = journal;
        this.lock = lock;
    }

    /** Returns the id of the journal entry. */
    public long update(Caller caller, Settings wanted) {
        if (!caller.portalAdmin()) {
            throw new Refused(Refusal.PORTAL_ADMIN_REQUIRED);
        }
        try {
            return lock.tryWhileHeld(caller.portalId(), () -> storeThenBind(caller, wanted))
                    .orElseThrow(() -> new Refused(Refusal.SAVE_IN_PROGRESS));
        } catch (PortalLock.Busy e) {
            throw new Refused(Refusal.SAVE_IN_PROGRESS);
        }
    }

    private long storeThenBind(Caller caller, Settings wanted) {
        if (!portals.find(caller.portalId()).map(Portal::isInstalled).orElse(false)) {
            throw new Refused(Refusal.NOT_INSTALLED);
        }
        Deadline deadline = binder.deadline();
        try {
            requireExistingSmartProcesses(caller, wanted, deadline);
        } catch (Bitrix24Exception e) {
            throw refused(caller, wanted, e);
        }
        Optional<Settings> previous = settings.stored(caller.portalId());
        settings.save(caller.portalId(), caller.userId(), wanted);
        try {
            binder.reconcileTabs(caller.portalId(), caller.userId(), wanted.tabs(), deadline);
        } catch (RuntimeException e) {
            settings.restore(caller.portalId(), previous);
            throw e instanceof Bitrix24Exception failure ? refused(caller, wanted, failure) : e;
        }
        return journal.record(entry(caller, wanted, AuditEntry.SUCCESS, describe(wanted)));
    }

    private Refused refused(Caller caller, Settings wanted, Bitrix24Exception e) {
        LOG.infof("Re-binding tabs on portal %d failed, settings unchanged: %s", caller.portalId(), e.getMessage());
        Refusal refusal = Bitrix24Failures.refusal(e, true);
        journal.record(entry(caller, wanted, refusal.code.name(), refusal.name() + ": " + e.getMessage()));
        return Bitrix24Failures.refused(refusal, e);
    }

    private void requireExistingSmartProcesses(Caller caller, Settings wanted, Deadline deadline) {
        List<CardType> asked = wanted.tabs().stream().filter(CardType::isSmartProcess).toList();
        if (asked.isEmpty()) {
            return;
        }
        List<CardType> existing = smartProcesses.of(caller.portalId(), caller.userId(), deadline).stream().map(SmartProcess::card).toList();
        asked.stream().filter(card -> !existing.contains(card)).findFirst().ifPresent(missing -> {
            throw new Refused(Refusal.SMART_PROCESS_UNKNOWN, missing.key());
        });
    }

    private static AuditEntry entry(Caller caller, Settings wanted, String outcome, String detail) {
        AuditEntry entry = new AuditEntry();
        entry.portalId = caller.portalId();
        entry.actorUserId = caller.userId();
        entry.action = AuditEntry.SETTINGS_CHANGED;
        entry.outcome = outcome;
        entry.detail = detail;
        return entry;
    }

    private static String describe(Settings settings) {
        return "tabs=" + settings.tabColumn() + "; nonAdminsMayUse=" + settings.nonAdminsMayUse()
                + "; usersMayResetOwn=" + settings.usersMayResetOwn();
    }
}
