package com.crmcardlayouts.bitrix24;

import com.crmcardlayouts.config.Bitrix24Config;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;

/**
 * Each portal's request budget, shared by every instance of the app: Bitrix24's leaky bucket (a
 * counter per portal that each HTTP request raises by one and that drains at a fixed rate) kept in
 * PostgreSQL as one row per portal, so that the app never sends the request Bitrix24 would refuse.
 * A request takes a slot first and waits for it; the slot is reserved, and the method's time on the
 * portal read, by one statement (a generic cell rate algorithm: the row holds the moment the next
 * request would be due at the drain rate, and a request may go once that moment less the burst has come).
 * A slot beyond the request's deadline (or too near it for an answer) is given back and the request refused
 * with {@code Retry-After}.
 * When PostgreSQL cannot be reached the request fails as every other one does then (503 UNAVAILABLE):
 * sending anyway from every instance is exactly the flood the budget exists to prevent.
 */
@ApplicationScoped
class PortalBudget {

    /** What the statement that reserved the slot also read of the method's time on the portal. */
    record MethodState(double operatingSeconds, Duration resetIn, Duration pausedFor) {
        static final MethodState UNKNOWN = new MethodState(0, null, null);

        /** Until when the method is paused on the portal after OPERATION_TIME_LIMIT, if it is. */
        boolean paused() {
            return pausedFor != null && !pausedFor.isNegative() && !pausedFor.isZero();
        }

        /** When the portal said the method's time would be reset, if that is still ahead. */
        boolean resetAhead() {
            return resetIn != null && !resetIn.isNegative() && !resetIn.isZero();
        }
    }

    private static final String TAKE = """
            with slot as (
                insert into portal_budget as b (portal_id, next_due) values (?, now() + make_interval(secs => ?))
                on conflict (portal_id) do update set next_due = greatest(b.next_due, now()) + make_interval(secs => ?)
                returning next_due)
            select extract(epoch from slot.next_due - now()) - ? as wait,
                   case when m.reported_at > now() - interval '10 minutes' then m.operating end as operating,
                   extract(epoch from m.reset_at - now()) as reset_in,
                   extract(epoch from m.paused_until - now()) as paused_for
            from slot left join method_time m on m.portal_id = ? and m.method = ?""";
    private static final String GIVE_BACK = "update portal_budget set next_due = next_due - make_interval(secs => ?) where portal_id = ?";
    private static final String FILL = """
            insert into portal_budget as b (portal_id, next_due) values (?, now() + make_interval(secs => ?))
            on conflict (portal_id) do update set next_due = greatest(b.next_due, excluded.next_due)""";

    /** A slot that leaves less than this of the deadline is not taken: a portal's answer takes 0.15 to 0.4 s, more on a busy host. */
    static final Duration EXCHANGE_ROOM = Duration.ofSeconds(1);

    private final BudgetDatabase database;
    private final BudgetPlans plans;
    private final boolean enabled;
    private final MeterRegistry metrics;
    private final Timer waits;

    @Inject
    PortalBudget(BudgetDatabase database, Bitrix24Config config, MeterRegistry metrics) {
        this(database, new BudgetPlans(config.budget()), config.budget().enabled(), metrics);
    }

    PortalBudget(BudgetDatabase database, BudgetPlans plans, boolean enabled, MeterRegistry metrics) {
        this.database = database;
        this.plans = plans;
        this.enabled = enabled;
        this.metrics = metrics;
        this.waits = Timer.builder("bitrix24.budget.waits")
                .description("Waits of requests for a slot of their portal's request budget").register(metrics);
    }

    boolean enabled() {
        return enabled;
    }

    /**
     * Takes a slot of the portal's budget for one request, waiting for it within {@code deadline}.
     *
     * @param endpoint the portal's REST endpoint, whose domain picks its plan
     * @return what the portal last reported of {@code method}'s time
     * @throws Bitrix24Exception.RateLimited with {@code Retry-After} when the slot lies beyond the deadline
     */
    MethodState take(long portalId, String endpoint, String method, Deadline deadline) {
        if (!enabled) {
            return MethodState.UNKNOWN;
        }
        BudgetPlans.Plan plan = plans.of(endpoint);
        Reservation reservation = database.run(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(TAKE)) {
                statement.setLong(1, portalId);
                statement.setDouble(2, plan.intervalSeconds());
                statement.setDouble(3, plan.intervalSeconds());
                statement.setDouble(4, plan.toleranceSeconds());
                statement.setLong(5, portalId);
                statement.setString(6, method.toLowerCase(Locale.ROOT));
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    return new Reservation(seconds(row.getDouble("wait")), methodState(row));
                }
            }
        });
        Duration wait = reservation.delay();
        if (reservation.method().paused()) {
            // The call will not be sent: its slot is another request's.
            giveBack(portalId, plan);
            return reservation.method();
        }
        if (wait.isNegative() || wait.isZero()) {
            return reservation.method();
        }
        if (!deadline.allows(wait.plus(EXCHANGE_ROOM))) {
            giveBack(portalId, plan);
            metrics.counter("bitrix24.budget.refusals").increment();
            throw new Bitrix24Exception.RateLimited("BUDGET_EXHAUSTED",
                    "This portal's requests to Bitrix24 are booked for longer than the request may wait", wait);
        }
        waits.record(wait);
        Pause.sleep(wait);
        return reservation.method();
    }

    /**
     * Bitrix24 refused a request anyway ({@code QUERY_LIMIT_EXCEEDED}: other apps share the portal's
     * counter): the bucket is full, so the next request of the portal, on any instance, waits one drain interval,
     * or {@code atLeast} if that is longer.
     */
    void markFull(long portalId, String endpoint, Duration atLeast) {
        if (!enabled) {
            return;
        }
        BudgetPlans.Plan plan = plans.of(endpoint);
        database.run(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(FILL)) {
                statement.setLong(1, portalId);
                statement.setDouble(2, Math.max(plan.intervalSeconds(), atLeast.toNanos() / 1e9) + plan.toleranceSeconds());
                return statement.executeUpdate();
            }
        });
    }

    private void giveBack(long portalId, BudgetPlans.Plan plan) {
        database.run(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(GIVE_BACK)) {
                statement.setDouble(1, plan.intervalSeconds());
                statement.setLong(2, portalId);
                return statement.executeUpdate();
            }
        });
    }

    private record Reservation(Duration delay, MethodState method) {
    }

    /** The method's columns of a row read from {@code method_time}: {@code operating}, {@code reset_in}, {@code paused_for}. */
    static MethodState methodState(ResultSet row) throws SQLException {
        return new MethodState(row.getDouble("operating"), nullableSeconds(row, "reset_in"), nullableSeconds(row, "paused_for"));
    }

    private static Duration nullableSeconds(ResultSet row, String column) throws SQLException {
        double value = row.getDouble(column);
        return row.wasNull() ? null : seconds(value);
    }

    private static Duration seconds(double value) {
        return Duration.ofNanos((long) (value * 1e9));
    }
}
