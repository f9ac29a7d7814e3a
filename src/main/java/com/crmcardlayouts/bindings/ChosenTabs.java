package com.crmcardlayouts.bindings;

import com.crmcardlayouts.bitrix24.CardType;

import java.util.List;

/**
 * Which cards a portal's administrators chose to show the tab on. The install keeps that choice
 * in place instead of binding the defaults over it; the console's settings provide it.
 */
public interface ChosenTabs {

    List<CardType> of(long portalId);
}
