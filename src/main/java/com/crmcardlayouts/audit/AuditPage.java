package com.crmcardlayouts.audit;

import java.util.List;

/** One page of a portal's audit journal, newest first; {@code page} counts from 1. */
public record AuditPage(List<JournalLine> entries, int page, boolean hasNext) {

    public boolean hasPrevious() {
        return page > 1;
    }

    public int previousPage() {
        return page - 1;
    }

    public int nextPage() {
        return page + 1;
    }
}
