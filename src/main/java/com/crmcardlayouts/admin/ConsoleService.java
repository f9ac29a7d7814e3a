package com.crmcardlayouts.admin;

import com.crmcardlayouts.portal.Portal;
import jakarta.enterprise.context.ApplicationScoped;

/** Gathers the admin console's content for a portal administrator. */
@ApplicationScoped
public class ConsoleService {

    private final SettingsService settings;
    private final BoundTabs boundTabs;
    private final SmartProcesses smartProcesses;
    private final AuditJournal journal;

    public ConsoleService(SettingsService settings, BoundTabs boundTabs, SmartProcesses smartProcesses, AuditJournal journal) {
        this.settings = settings;
        this.boundTabs = boundTabs;
        this.smartProcesses = smartProcesses;
        this.journal = journal;
    }

    public ConsoleState open(Portal portal, long adminUserId) {
        return new ConsoleState(portal, settings.forPortal(portal.id), boundTabs.of(portal.id, adminUserId),
                smartProcesses.ifAvailable(portal.id, adminUserId), journal.page(portal.id, 1));
    }
}
