package com.crmcardlayouts.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the app's own metrics are gathered. */
@ConfigMapping(prefix = "app.metrics")
public interface MetricsConfig {

    /** How long the {@code portals} gauges reuse their database count before counting again, e.g. {@code 30s}. */
    @WithDefault("30s")
    Duration portalGaugesMaxAge();
}
