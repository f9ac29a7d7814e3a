package com.crmcardlayouts.cardlayouts;

import com.crmcardlayouts.requests.Caller;

import java.util.List;
import java.util.Optional;

/**
 * Everything the card tab shows one viewer.
 *
 * @param categoryId the card's funnel or category when Bitrix24 told it
 * @param colleagues whom a layout manager can pick; empty for everyone else
 */
public record CardTab(Caller caller, CardContext card, Optional<Integer> categoryId, boolean mayResetOwn,
                      List<Colleague> colleagues) {

    /** Whether this viewer may do anything at all on the tab. */
    public boolean offersActions() {
        return mayResetOwn || caller.managesLayouts();
    }
}
