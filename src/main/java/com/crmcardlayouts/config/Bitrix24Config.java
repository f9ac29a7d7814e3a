package com.crmcardlayouts.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How the app reaches Bitrix24 (CONTRACT §1 and §5). */
@ConfigMapping(prefix = "bitrix24")
public interface Bitrix24Config {

    /** Application code (client_id) from the Bitrix24 vendor console, e.g. {@code app.66e9b2c1a3f0d1.12345678}. */
    String clientId();

    /** Application key (client_secret). Never logged, never sent anywhere but the OAuth server. */
    String clientSecret();

    /** OAuth server: token refresh at {@code /oauth/token/}, token verification at {@code /rest/app.info}. */
    @WithDefault("https://oauth.bitrix.info")
    String oauthServerUrl();

    /** Allow {@code http://} OAuth server and portal endpoints; only for local simulators and tests. */
    @WithDefault("false")
    boolean allowInsecureHttp();

    /**
     * Allow portal endpoints on loopback, private and other internal addresses; only for local
     * simulators and tests (the simulator runs on 127.0.0.1). Independent of {@link #allowInsecureHttp()}.
     */
    @WithDefault("false")
    boolean allowPrivateEndpoints();

    /**
     * How long one request (a page, a page-API call) may spend on Bitrix24 in all: every call it makes,
     * waits for a slot, QUERY_LIMIT_EXCEEDED back-off and retries share it.
     */
    @WithDefault("20s")
    Duration requestBudget();

    /** Bitrix24 exchanges one portal may have in progress at once on one instance; more wait (within their budget). */
    @WithDefault("4")
    int portalConcurrency();

    /** First back-off pause after QUERY_LIMIT_EXCEEDED; doubled on each further attempt, with jitter. */
    @WithDefault("500ms")
    Duration rateLimitFirstBackoff();

    /** Retries after a Bitrix24 5xx answer or an unreachable portal. */
    @WithDefault("2")
    int serverErrorRetries();

    /** Each portal's request budget, shared by every instance through PostgreSQL. */
    Budget budget();

    /** Bitrix24's per-method time limit of each portal (seconds of method time per 10 minutes). */
    MethodTime methodTime();

    interface Budget {

        /** Take a slot of the portal's budget before every request; off only to measure what it costs. */
        @WithDefault("true")
        boolean enabled();

        /** Requests per second Bitrix24's leaky bucket drains (2 on most plans, 5 on enterprise plans). */
        @WithDefault("2")
        double drainPerSecond();

        /** Requests Bitrix24's leaky bucket holds before it refuses (50 on most plans, 250 on enterprise plans). */
        @WithDefault("50")
        int burst();

        /**
         * Slots of the bucket the app leaves to others: the install-time quick call takes no slot, and a
         * request may reach Bitrix24 later than its slot (network, a slow portal), so a burst sent on time can
         * arrive bunched.
         */
        @WithDefault("2")
        int headroom();

        /**
         * Portals on other plans, by domain: {@code domain=drain/burst} entries separated by commas, e.g.
         * {@code big.bitrix24.com=5/250}.
         */
        Optional<List<String>> portals();
    }

    interface MethodTime {

        /** Bitrix24's limit of one method's time per portal in 10 minutes. */
        @WithDefault("480s")
        Duration limit();

        /** From this much method time on, background work of that method slows down, more as the limit nears. */
        @WithDefault("360s")
        Duration paceFrom();
    }
}
