package com.crmcardlayouts.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Bitrix24's load limiter for one portal: the execution time each method spent in the last 10 minutes.
 * What answers report as {@code time.operating} is that sum for the method just called, and
 * {@code time.operating_reset_at} when its oldest part leaves the window; once the sum reaches the limit,
 * the method is refused with {@code OPERATION_TIME_LIMIT} until enough of it has left. Sub-calls of a
 * batch count, the outer batch does not.
 */
public final class OperatingTime {

    static final Duration WINDOW = Duration.ofMinutes(10);
    /** The cloud's limit per method and 10 minutes. */
    public static final double DEFAULT_LIMIT_SECONDS = 480;

    private record Spent(Instant at, double seconds) {
    }

    private final Map<String, List<Spent>> byMethod = new HashMap<>();
    private final Map<String, Double> costs = new HashMap<>();
    private double limitSeconds = DEFAULT_LIMIT_SECONDS;

    /** Records that {@code method} ran {@code seconds} at {@code at}, e.g. heavy use a few minutes ago. */
    public synchronized void spend(String method, double seconds, Instant at) {
        byMethod.computeIfAbsent(key(method), m -> new ArrayList<>()).add(new Spent(at, seconds));
    }

    /** Every call of {@code method} costs this many simulated seconds on top of its real processing time. */
    public synchronized void setCost(String method, double seconds) {
        costs.put(key(method), seconds);
    }

    public synchronized double cost(String method) {
        return costs.getOrDefault(key(method), 0.0);
    }

    public synchronized void setLimit(double seconds) {
        limitSeconds = seconds;
    }

    /** The method's time in the last 10 minutes. */
    public synchronized double used(String method, Instant now) {
        return prune(method, now).stream().mapToDouble(Spent::seconds).sum();
    }

    /** When the oldest time still counted leaves the window; empty when nothing counts. */
    public synchronized Optional<Instant> resetAt(String method, Instant now) {
        List<Spent> spent = prune(method, now);
        return spent.stream().map(Spent::at).min(Instant::compareTo).map(oldest -> oldest.plus(WINDOW));
    }

    public synchronized boolean overLimit(String method, Instant now) {
        return used(method, now) >= limitSeconds;
    }

    private List<Spent> prune(String method, Instant now) {
        List<Spent> spent = byMethod.computeIfAbsent(key(method), m -> new ArrayList<>());
        Instant from = now.minus(WINDOW);
        spent.removeIf(s -> !s.at().isAfter(from));
        return spent;
    }

    private static String key(String method) {
        return method.toLowerCase(Locale.ROOT);
    }
}
