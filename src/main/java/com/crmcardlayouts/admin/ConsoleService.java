package com.crmcardlayouts.admin;

import com.crmcardlayouts.audit.AuditJournal;
import com.crmcardlayouts.settings.SettingsStore;
import com.crmcardlayouts.settings.SmartProcesses;
import com.crmcardlayouts.bitrix24.Bitrix24Exception;
import com.crmcardlayouts.bitrix24.CardType;
import com.crmcardlayouts.bitrix24.Deadline;
import com.crmcardlayouts.bindings.Binder;
import com.crmcardlayouts.portal.Portal;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/** Gathers the admin console's content for a portal administrator. */
@ApplicationScoped
public class ConsoleService {

    private final SettingsStore settings;
    private final Binder binder;
    private final SmartProcesses smartProcesses;
    private final AuditJournal journal;

    public ConsoleService(SettingsStore settings, Binder binder, SmartProcesses smartProcesses, AuditJournal journal) {
        this.settings = settings;
        this.binder = binder;
        this.smartProcesses = smartProcesses;
        this.journal = journal;
    }

    /** @param deadline the console request's, shared with whatever else it asked Bitrix24 */
    public ConsoleState open(Portal portal, long adminUserId, Deadline deadline) {
        return new ConsoleState(new ConsoleState.PortalFacts(portal.domain, portal.status()), settings.forPortal(portal.id), boundTabs(portal.id, adminUserId, deadline),
                smartProcesses.ifAvailable(portal.id, adminUserId, deadline), journal.page(portal.id, 1));
    }

    /** Empty when Bitrix24 does not answer: the console then says it could not check. */
    private Optional<List<CardType>> boundTabs(long portalId, long adminUserId, Deadline deadline) {
        try {
            return Optional.of(binder.boundTabs(portalId, adminUserId, deadline));
        } catch (Bitrix24Exception e) {
            return Optional.empty();
        }
    }
}
