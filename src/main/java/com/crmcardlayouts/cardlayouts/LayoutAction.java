package com.crmcardlayouts.cardlayouts;

/** What the app can do to a card layout; stored by name in the audit journal. */
public enum LayoutAction {
    /** Delete one user's personal layout: that user sees the common layout again. */
    RESET_PERSONAL,
    /** Delete the common layout: users without a personal layout see Bitrix24's default. */
    RESET_COMMON,
    /** Delete every user's personal layout and view choice: everyone sees the common layout. */
    FORCE_COMMON
}
