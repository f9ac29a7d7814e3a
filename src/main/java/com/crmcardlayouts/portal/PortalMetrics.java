package com.crmcardlayouts.portal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Publishes {@code portals{status=…}}: how many portals are in each lifecycle state, read when scraped. */
@ApplicationScoped
public class PortalMetrics {

    void register(@Observes StartupEvent event, MeterRegistry registry) {
        for (PortalStatus status : PortalStatus.values()) {
            Gauge.builder("portals", () -> count(status))
                    .description("Portals by lifecycle status")
                    .tag("status", status.name())
                    .register(registry);
        }
    }

    private static long count(PortalStatus status) {
        return QuarkusTransaction.requiringNew().call(() -> Portal.count("status", status));
    }
}
