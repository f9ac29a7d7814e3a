package com.crmcardlayouts.bitrix24;

import com.crmcardlayouts.config.Bitrix24Config;
import com.crmcardlayouts.portal.TokenStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;

import java.util.List;
import java.util.Optional;

/**
 * Further instances of the app's Bitrix24 client inside the test JVM, on the same database and
 * simulator: each has its own request budget, method time and exchange slots, as another pod would.
 */
public final class AppInstances {

    private AppInstances() {
    }

    /** Another instance whose budget is Bitrix24's for most plans (2 per second, 50 at once), as in production. */
    public static Bitrix24Client onStandardPlan() {
        return withBudget(2, 50);
    }

    /** Another instance on which every portal drains {@code drainPerSecond} and holds {@code burst}. */
    public static Bitrix24Client withBudget(double drainPerSecond, int burst) {
        return with(new PortalBudget(bean(BudgetDatabase.class), new BudgetPlans(plan(drainPerSecond, burst)), true, bean(MeterRegistry.class)));
    }

    /** Another instance that takes no slot at all, for measuring what the budget costs. */
    public static Bitrix24Client withoutBudget() {
        return with(new PortalBudget(bean(BudgetDatabase.class), new BudgetPlans(plan(2, 50)), false, bean(MeterRegistry.class)));
    }

    private static Bitrix24Client with(PortalBudget budget) {
        Bitrix24Config config = bean(Bitrix24Config.class);
        MeterRegistry metrics = bean(MeterRegistry.class);
        return new Bitrix24Client(bean(BoundedHttp.class), bean(PortalAddresses.class), new PortalSlots(config), budget,
                new MethodTime(bean(BudgetDatabase.class), config, metrics), bean(ObjectMapper.class), bean(TokenStore.class),
                bean(TokenRefresher.class), bean(OlderPortals.class), config, metrics);
    }

    private static <T> T bean(Class<T> type) {
        return Arc.container().instance(type).get();
    }

    static Bitrix24Config.Budget plan(double drainPerSecond, int burst, String... portals) {
        return new Bitrix24Config.Budget() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public double drainPerSecond() {
                return drainPerSecond;
            }

            @Override
            public int burst() {
                return burst;
            }

            @Override
            public int headroom() {
                return 2;
            }

            @Override
            public Optional<List<String>> portals() {
                return portals.length == 0 ? Optional.empty() : Optional.of(List.of(portals));
            }
        };
    }
}
