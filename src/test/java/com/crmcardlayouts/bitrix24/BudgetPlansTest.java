package com.crmcardlayouts.bitrix24;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BudgetPlansTest {

    @Test
    void a_portal_named_in_the_overrides_gets_its_plan_and_every_other_the_default_less_the_headroom() {
        BudgetPlans plans = new BudgetPlans(AppInstances.plan(2, 50, "Big.Bitrix24.com=5/250", " other.bitrix24.de = 2.5 / 80 "));

        assertEquals(new BudgetPlans.Plan(5, 248), plans.of("https://big.bitrix24.com/rest/"), "domains are compared case-insensitively");
        assertEquals(0.2, plans.of("https://big.bitrix24.com/rest/").intervalSeconds(), 1e-9);
        assertEquals(248 * 0.2, plans.of("https://big.bitrix24.com/rest/").toleranceSeconds(), 1e-9);
        assertEquals(new BudgetPlans.Plan(2.5, 78), plans.of("https://other.bitrix24.de/rest/"));
        assertEquals(new BudgetPlans.Plan(2, 48), plans.of("https://small.bitrix24.com/rest/"));
        assertEquals(new BudgetPlans.Plan(2, 48), plans.of("not a url"), "the call itself refuses such an endpoint");
    }

    @Test
    void an_override_that_is_not_domain_drain_burst_or_leaves_no_slot_is_refused_with_the_reason() {
        IllegalArgumentException malformed = assertThrows(IllegalArgumentException.class,
                () -> new BudgetPlans(AppInstances.plan(2, 50, "big.bitrix24.com:5:250")));
        IllegalArgumentException tooSmall = assertThrows(IllegalArgumentException.class,
                () -> new BudgetPlans(AppInstances.plan(2, 50, "big.bitrix24.com=5/2")));
        IllegalArgumentException noDrain = assertThrows(IllegalArgumentException.class, () -> new BudgetPlans(AppInstances.plan(0, 50)));

        assertTrue(malformed.getMessage().contains("is not domain=drain/burst"), malformed.getMessage());
        assertTrue(tooSmall.getMessage().contains("big.bitrix24.com"), tooSmall.getMessage());
        assertTrue(noDrain.getMessage().contains("drain more than 0"), noDrain.getMessage());
    }
}
