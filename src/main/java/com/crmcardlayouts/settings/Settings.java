package com.crmcardlayouts.settings;

import com.crmcardlayouts.bitrix24.CardType;
import com.crmcardlayouts.bindings.Bindings;
import com.crmcardlayouts.requests.Caller;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A portal's settings as the features read them.
 *
 * @param tabs             the CRM cards that show the tab
 * @param nonAdminsMayUse  users who manage no CRM settings may use the tab
 * @param usersMayResetOwn those users may reset their own personal layout
 */
public record Settings(List<CardType> tabs, boolean nonAdminsMayUse, boolean usersMayResetOwn) {

    /** What an install sets up: the default tabs, everything allowed that Bitrix24 allows. */
    public static final Settings DEFAULTS = new Settings(Bindings.DEFAULT_TABS, true, true);

    public Settings {
        tabs = List.copyOf(tabs);
    }

    public boolean showsTab(CardType card) {
        return tabs.contains(card);
    }

    /** Whether the caller may use the tab at all; layout managers always may. */
    public boolean admits(Caller caller) {
        return caller.managesLayouts() || nonAdminsMayUse;
    }

    /** Whether the caller may reset their own personal layout, as far as the app's settings go. */
    public boolean letsResetOwn(Caller caller) {
        return caller.managesLayouts() || (nonAdminsMayUse && usersMayResetOwn);
    }

    /** The chosen smart processes, e.g. to keep them offered when Bitrix24 cannot list them. */
    public List<CardType> smartProcessTabs() {
        return tabs.stream().filter(CardType::isSmartProcess).toList();
    }

    static Settings of(PortalSettings row) {
        List<CardType> tabs = Arrays.stream(row.tabEntityTypes.split(","))
                .map(String::trim)
                .flatMap(key -> CardType.ofKey(key).stream())
                .toList();
        return new Settings(tabs, row.nonAdminsMayUse, row.usersMayResetOwn);
    }

    String tabColumn() {
        return tabs.stream().map(CardType::key).collect(Collectors.joining(","));
    }
}
