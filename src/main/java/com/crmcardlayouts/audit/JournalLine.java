package com.crmcardlayouts.audit;

import java.time.Instant;

/**
 * One journal entry as the console shows it: what pages may read of an {@link AuditEntry}, never the row itself.
 *
 * @param action  e.g. {@code RESET_PERSONAL}
 * @param outcome {@code SUCCESS} or an error code, e.g. {@code FORBIDDEN}
 * @param detail  a few words on a refusal, e.g. {@code DENIED_NEEDS_CRM_SETTINGS_RIGHT: Access denied.}
 */
public record JournalLine(long id, Instant occurredAt, Long actorUserId, String action, Integer entityTypeId, Integer categoryId,
                          Integer leadCustomerType, Long targetUserId, String outcome, String detail) {

    static JournalLine of(AuditEntry entry) {
        return new JournalLine(entry.id, entry.occurredAt, entry.actorUserId, entry.action, entry.entityTypeId, entry.categoryId,
                entry.leadCustomerType, entry.targetUserId, entry.outcome, entry.detail);
    }

    public boolean succeeded() {
        return AuditEntry.SUCCESS.equals(outcome);
    }
}
