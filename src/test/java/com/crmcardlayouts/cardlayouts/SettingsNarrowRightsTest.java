package com.crmcardlayouts.cardlayouts;

import com.crmcardlayouts.settings.Settings;
import com.crmcardlayouts.bitrix24.CardType;
import com.crmcardlayouts.bitrix24.CrmEntity;
import com.crmcardlayouts.bitrix24.EntityType;
import com.crmcardlayouts.bitrix24.LayoutTarget;
import com.crmcardlayouts.requests.Caller;
import com.crmcardlayouts.requests.Refusal;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SettingsNarrowRightsTest {

    private static final Caller PLAIN = new Caller(1, 3, false, false);
    private static final Caller CRM_MANAGER = new Caller(1, 2, false, true);
    private static final LayoutTarget DEAL = new LayoutTarget(new EntityType(2), null, null);

    private static LayoutRequest ownReset(Caller caller) {
        return new LayoutRequest(LayoutAction.RESET_PERSONAL, DEAL, caller.userId());
    }

    @Test
    void defaults_narrow_nothing() {
        assertEquals(Optional.empty(), CardLayoutService.narrowedBySettings(PLAIN, ownReset(PLAIN), Settings.DEFAULTS));
    }

    @Test
    void which_cards_show_the_tab_is_not_a_right() {
        Settings noDeals = new Settings(List.of(CardType.of(CrmEntity.LEAD)), true, true);
        assertEquals(Optional.empty(), CardLayoutService.narrowedBySettings(PLAIN, ownReset(PLAIN), noDeals));
    }

    @Test
    void users_not_allowed_refuses_plain_users_but_not_crm_managers() {
        Settings managersOnly = new Settings(Settings.DEFAULTS.tabs(), false, true);
        assertEquals(Optional.of(Refusal.USERS_NOT_ALLOWED), CardLayoutService.narrowedBySettings(PLAIN, ownReset(PLAIN), managersOnly));
        assertEquals(Optional.empty(), CardLayoutService.narrowedBySettings(CRM_MANAGER, ownReset(CRM_MANAGER), managersOnly));
    }

    @Test
    void own_reset_switched_off_refuses_plain_users_resetting_their_own_layout() {
        Settings noOwnReset = new Settings(Settings.DEFAULTS.tabs(), true, false);
        assertEquals(Optional.of(Refusal.OWN_RESET_NOT_ALLOWED), CardLayoutService.narrowedBySettings(PLAIN, ownReset(PLAIN), noOwnReset));
    }

    @Test
    void crm_managers_act_on_others_whatever_the_user_settings_say() {
        LayoutRequest request = new LayoutRequest(LayoutAction.FORCE_COMMON, new LayoutTarget(new EntityType(1032), 5, null), null);
        assertEquals(Optional.empty(), CardLayoutService.narrowedBySettings(CRM_MANAGER, request, new Settings(List.of(), false, false)));
    }
}
