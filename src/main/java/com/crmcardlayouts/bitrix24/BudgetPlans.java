package com.crmcardlayouts.bitrix24;

import com.crmcardlayouts.config.Bitrix24Config;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which leaky bucket each portal has: the configured default, or the plan named for its domain in
 * {@code bitrix24.budget.portals} (enterprise plans drain 5 per second and hold 250). Keyed by domain
 * because that is what an operator sees of a portal, and what every call knows without a lookup.
 */
final class BudgetPlans {

    /** One portal's bucket as the app uses it: a slot every {@link #intervalSeconds()} seconds, {@link #burst()} at once. */
    record Plan(double drainPerSecond, int burst) {
        double intervalSeconds() {
            return 1 / drainPerSecond;
        }

        /** How far ahead of now the next due moment may lie while a request may still go at once. */
        double toleranceSeconds() {
            return burst * intervalSeconds();
        }
    }

    private static final Pattern ENTRY = Pattern.compile("\\s*([A-Za-z0-9.-]+)\\s*=\\s*([0-9]+(?:\\.[0-9]+)?)\\s*/\\s*([0-9]+)\\s*");

    private final Plan standard;
    private final Map<String, Plan> byDomain;

    BudgetPlans(Bitrix24Config.Budget config) {
        this.standard = usable(config.drainPerSecond(), config.burst(), config.headroom(), "the default");
        this.byDomain = parse(config.portals().orElse(List.of()), config.headroom());
    }

    /** The plan of the portal with this REST endpoint (e.g. {@code https://big.bitrix24.com/rest/}). */
    Plan of(String endpoint) {
        String host;
        try {
            host = URI.create(endpoint).getHost();
        } catch (IllegalArgumentException e) {
            return standard; // the call itself refuses such an endpoint
        }
        return host == null ? standard : byDomain.getOrDefault(host.toLowerCase(Locale.ROOT), standard);
    }

    private static Map<String, Plan> parse(List<String> entries, int headroom) {
        Map<String, Plan> plans = new HashMap<>();
        for (String entry : entries) {
            Matcher m = ENTRY.matcher(entry);
            if (!m.matches()) {
                throw new IllegalArgumentException("bitrix24.budget.portals: '" + entry
                        + "' is not domain=drain/burst, e.g. big.bitrix24.com=5/250");
            }
            plans.put(m.group(1).toLowerCase(Locale.ROOT),
                    usable(Double.parseDouble(m.group(2)), Integer.parseInt(m.group(3)), headroom, m.group(1)));
        }
        return Map.copyOf(plans);
    }

    private static Plan usable(double drainPerSecond, int burst, int headroom, String whose) {
        if (drainPerSecond <= 0 || burst - headroom < 1) {
            throw new IllegalArgumentException("The request budget of " + whose + " must drain more than 0 per second and hold more than "
                    + "bitrix24.budget.headroom (" + headroom + ") requests; it drains " + drainPerSecond + " and holds " + burst);
        }
        return new Plan(drainPerSecond, burst - headroom);
    }
}
