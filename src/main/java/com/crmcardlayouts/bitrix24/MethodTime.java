package com.crmcardlayouts.bitrix24;

import com.crmcardlayouts.config.Bitrix24Config;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bitrix24's second limit: each method may use {@code bitrix24.method-time.limit} (480 s) of the portal's
 * time per 10 minutes; past it the method answers {@code OPERATION_TIME_LIMIT} until {@code operating_reset_at}.
 * Every answer reports the method's figure ({@code time.operating}); the app keeps the last one per portal and
 * method in PostgreSQL, where every instance reads it with the request budget's statement at no extra round
 * trip. It writes a figure only when it moved by {@link #WRITE_STEP} since this instance last wrote it, so most
 * answers cost no write. Background work is slowed down from {@code bitrix24.method-time.pace-from} on; after
 * {@code OPERATION_TIME_LIMIT} the method is paused for the portal on every instance until its reset.
 */
@ApplicationScoped
public class MethodTime {

    /** How much a figure must move before it is worth a write: 1 % of the limit, far finer than pacing needs. */
    static final double WRITE_STEP = 5;
    /** How long a method stays paused when Bitrix24 did not say when it resets: its counter's bucket is a minute. */
    static final Duration UNKNOWN_RESET = Duration.ofSeconds(60);

    private static final String RECORD = """
            insert into method_time as m (portal_id, method, operating, reset_at, reported_at) values (?, ?, ?, ?, now())
            on conflict (portal_id, method) do update set operating = excluded.operating, reset_at = excluded.reset_at, reported_at = now()""";
    private static final String PAUSE = """
            insert into method_time as m (portal_id, method, operating, paused_until) values (?, ?, ?, now() + make_interval(secs => ?))
            on conflict (portal_id, method) do update set operating = excluded.operating, paused_until = excluded.paused_until,
                reported_at = now()""";
    private static final String READ = """
            select case when reported_at > now() - interval '10 minutes' then operating end as operating,
                   extract(epoch from reset_at - now()) as reset_in, extract(epoch from paused_until - now()) as paused_for
            from method_time where portal_id = ? and method = ?""";

    private record Key(long portalId, String method) {
    }

    private final BudgetDatabase database;
    private final double limitSeconds;
    private final double paceFromSeconds;
    private final MeterRegistry metrics;
    // The figure this instance last wrote per portal and method: bounded by the portals served times the few methods the app uses.
    private final ConcurrentHashMap<Key, Double> written = new ConcurrentHashMap<>();

    @Inject
    MethodTime(BudgetDatabase database, Bitrix24Config config, MeterRegistry metrics) {
        this.database = database;
        this.limitSeconds = seconds(config.methodTime().limit());
        this.paceFromSeconds = seconds(config.methodTime().paceFrom());
        this.metrics = metrics;
    }

    /**
     * Notes what the portal reported of one method's time, e.g. from a {@code batch} command's
     * {@code result_time}: {@code operating} seconds used in the last 10 minutes, reset at {@code resetAt} (may be null).
     */
    public void record(long portalId, String method, double operating, Instant resetAt) {
        String name = method.toLowerCase(Locale.ROOT);
        DistributionSummary.builder("bitrix24.method_time.operating").baseUnit("seconds")
                .description("Method time per 10 minutes the portals reported, per method").tag("method", name)
                .register(metrics).record(operating);
        Key key = new Key(portalId, name);
        Double last = written.get(key);
        if (Math.abs(operating - (last == null ? 0 : last)) < WRITE_STEP) {
            return;
        }
        database.run(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(RECORD)) {
                statement.setLong(1, portalId);
                statement.setString(2, name);
                statement.setDouble(3, operating);
                statement.setTimestamp(4, resetAt == null ? null : Timestamp.from(resetAt));
                return statement.executeUpdate();
            }
        });
        written.put(key, operating);
    }

    /** Reads {@code time.operating} and {@code time.operating_reset_at} of a single answer, where the portal sends them. */
    void recordAnswer(long portalId, String method, JsonNode time) {
        JsonNode operating = time.path("operating");
        if (!operating.isNumber()) {
            return;
        }
        JsonNode reset = time.path("operating_reset_at");
        record(portalId, method, operating.asDouble(), reset.isNumber() ? Instant.ofEpochSecond(reset.asLong()) : null);
    }

    /**
     * How long bulk work should wait before its next call of {@code method} on the portal: nothing below
     * {@code pace-from}, then a growing share of the time until the method's reset, all of it at the limit.
     * One read; callers that run many calls ask once per chunk of work.
     */
    public Duration pauseBefore(long portalId, String method) {
        return pacing(read(portalId, method));
    }

    Duration pacing(PortalBudget.MethodState state) {
        if (state.paused()) {
            return state.pausedFor();
        }
        if (state.operatingSeconds() < paceFromSeconds) {
            return Duration.ZERO;
        }
        double share = Math.min(1, (state.operatingSeconds() - paceFromSeconds) / (limitSeconds - paceFromSeconds));
        Duration window = state.resetAhead() ? state.resetIn() : UNKNOWN_RESET;
        return Duration.ofMillis((long) (window.toMillis() * share));
    }

    /**
     * Before a call: refuses it without reaching Bitrix24 while the method is paused on the portal, and
     * makes background work wait as {@link #pacing} says, within its deadline.
     *
     * @throws Bitrix24Exception.RateLimited with {@code Retry-After} when paused, or when the pacing pause outlasts the deadline
     */
    void pace(String method, PortalBudget.MethodState state, Deadline deadline) {
        String name = method.toLowerCase(Locale.ROOT);
        if (state.paused()) {
            metrics.counter("bitrix24.method_time.refusals", "method", name, "reason", "paused").increment();
            throw new Bitrix24Exception.RateLimited("OPERATION_TIME_LIMIT",
                    "Bitrix24 blocks " + method + " on this portal until its method time is reset", state.pausedFor());
        }
        if (!deadline.isBackground()) {
            return;
        }
        Duration pause = pacing(state);
        if (pause.isZero()) {
            return;
        }
        if (!deadline.allows(pause)) {
            metrics.counter("bitrix24.method_time.refusals", "method", name, "reason", "paced").increment();
            throw new Bitrix24Exception.RateLimited("METHOD_TIME_PACED",
                    "Background calls of " + method + " wait for this portal's method time to recover", pause);
        }
        metrics.timer("bitrix24.method_time.paced", "method", name).record(pause);
        Pause.sleep(pause);
    }

    /** Bitrix24 answered {@code OPERATION_TIME_LIMIT}: the method is paused for the portal, on every instance, until its reset. */
    Bitrix24Exception.RateLimited limitReached(long portalId, String method, PortalBudget.MethodState state, String description) {
        Duration pause = state.resetAhead() ? state.resetIn() : UNKNOWN_RESET;
        String name = method.toLowerCase(Locale.ROOT);
        database.run(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(PAUSE)) {
                statement.setLong(1, portalId);
                statement.setString(2, name);
                statement.setDouble(3, limitSeconds);
                statement.setDouble(4, seconds(pause));
                return statement.executeUpdate();
            }
        });
        written.put(new Key(portalId, name), limitSeconds);
        metrics.counter("bitrix24.method_time.refusals", "method", name, "reason", "limit").increment();
        return new Bitrix24Exception.RateLimited("OPERATION_TIME_LIMIT", description, pause);
    }

    private PortalBudget.MethodState read(long portalId, String method) {
        return database.run(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(READ)) {
                statement.setLong(1, portalId);
                statement.setString(2, method.toLowerCase(Locale.ROOT));
                try (var row = statement.executeQuery()) {
                    return row.next() ? PortalBudget.methodState(row) : PortalBudget.MethodState.UNKNOWN;
                }
            }
        });
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
