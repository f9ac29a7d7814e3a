package com.crmcardlayouts.portal;

import com.crmcardlayouts.config.MetricsConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes {@code portals{status=…}}: how many portals are in each lifecycle state. The counts
 * come from one query, re-run at most once per {@code app.metrics.portal-gauges-max-age}, so frequent
 * scrapes (or several Prometheus servers) do not each query the database.
 */
@ApplicationScoped
public class PortalMetrics {

    private final CachedReading<Map<PortalStatus, Long>> counts;

    PortalMetrics(MetricsConfig config) {
        this.counts = new CachedReading<>(PortalMetrics::countByStatus, config.portalGaugesMaxAge(), System::nanoTime);
    }

    void register(@Observes StartupEvent event, MeterRegistry registry) {
        for (PortalStatus status : PortalStatus.values()) {
            Gauge.builder("portals", () -> counts.get().getOrDefault(status, 0L))
                    .description("Portals by lifecycle status")
                    .tag("status", status.name())
                    .register(registry);
        }
    }

    private static Map<PortalStatus, Long> countByStatus() {
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> Portal.getEntityManager()
                .createQuery("select p.status, count(p) from Portal p group by p.status", Object[].class)
                .getResultList());
        Map<PortalStatus, Long> counts = new EnumMap<>(PortalStatus.class);
        rows.forEach(row -> counts.put((PortalStatus) row[0], (Long) row[1]));
        return counts;
    }
}
