package com.crmcardlayouts.cardlayouts;

import com.crmcardlayouts.bitrix24.CardType;

/** The portal's settings switch the card tab off for this kind of card; the page answers 403. */
public class TabSwitchedOff extends RuntimeException {

    public TabSwitchedOff(CardType card) {
        super("The tab is switched off for " + card.key());
    }
}
