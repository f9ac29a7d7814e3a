package com.crmcardlayouts.bench;

import com.crmcardlayouts.bitrix24.ActingUser;
import com.crmcardlayouts.bitrix24.Batch;
import com.crmcardlayouts.bitrix24.Bitrix24Client;
import com.crmcardlayouts.bitrix24.CrmTypes;
import com.crmcardlayouts.bitrix24.EntityType;
import com.crmcardlayouts.bitrix24.Layouts;
import com.crmcardlayouts.bitrix24.OAuthServer;
import com.crmcardlayouts.bitrix24.PortalUser;
import com.crmcardlayouts.bitrix24.Profile;
import com.crmcardlayouts.simulator.RequestLog;
import com.crmcardlayouts.simulator.SimPortal;
import com.crmcardlayouts.simulator.Simulator;
import com.crmcardlayouts.testing.Bitrix24Requests;
import com.crmcardlayouts.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static com.crmcardlayouts.simulator.SimUsers.ADMIN;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Rerunnable benchmark of opening the card tab, not part of the suite:
 * <pre>
 * ./mvnw -q -B test -Dtest=TabOpenBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * The simulator answers every request after 100 ms, the low end of a real portal (0.15–0.4 s). An
 * administrator opens a deal's tab, the case with the most questions: who they are, whether they manage
 * layouts, their colleagues, the deal's funnel. Compared: those questions one request after another
 * (how the tab asked before) against the tab's one batch, both after the same {@code app.info}; and the
 * whole tab page as a browser gets it. Medians of one run; writes {@code target/benchmark/tab-open.md}.
 */
@QuarkusTest
class TabOpenBenchmark {

    private static final Duration LATENCY = Duration.ofMillis(100);
    private static final int WARMUP = 5;
    private static final int ROUNDS = 30;
    private static final EntityType DEAL = new EntityType(EntityType.DEAL);

    @Inject
    Simulator simulator;
    @Inject
    Bitrix24Client client;
    @Inject
    OAuthServer oauth;

    @Test
    void tab_open() throws Exception {
        SimPortal portal = simulator.createPortal();
        Bitrix24Requests.install(portal);
        long portalId = Db.portal(portal.memberId()).id;
        ActingUser admin = ActingUser.of(portalId, ADMIN);
        String token = portal.issueTokens(ADMIN).accessToken();
        simulator.setRequestDelay(LATENCY);
        try {
            Runnable oneAfterAnother = () -> {
                oauth.verify(token);
                client.call(admin, Profile.current(), client.deadline());
                client.call(admin, Layouts.mayChangeOthers(DEAL, ADMIN), client.deadline());
                client.call(admin, PortalUser.active(0), client.deadline());
                client.call(admin, CrmTypes.categoryOf(DEAL, 2), client.deadline());
            };
            Runnable batched = () -> {
                oauth.verify(token);
                Batch batch = client.batch(admin);
                batch.add(Profile.current());
                batch.add(Layouts.mayChangeOthers(DEAL, ADMIN));
                batch.add(PortalUser.active(0));
                batch.add(CrmTypes.categoryOf(DEAL, 2));
                batch.run(client.deadline());
            };
            Runnable page = () -> Bitrix24Requests.tab(portal, ADMIN).then().statusCode(200);

            RequestLog.Mark mark = portal.requestLog().mark();
            page.run();
            List<String> pageRequests = portal.requestLog().since(mark).stream().map(r -> r.kind() + " " + r.method()).toList();
            assertEquals(List.of("OAUTH app.info", "PORTAL batch"), pageRequests);

            double sequential = median(oneAfterAnother);
            double together = median(batched);
            double wholePage = median(page);
            String table = String.join("\n",
                    "| Tab open, admin on a deal, 100 ms per Bitrix24 request | median ms |",
                    "|---|---|",
                    "| app.info + 4 requests one after another (before) | %.0f |".formatted(sequential),
                    "| app.info + 1 batch (now) | %.0f |".formatted(together),
                    "| the whole tab page (now) | %.0f |".formatted(wholePage),
                    "| ratio before / now | %.2f |".formatted(sequential / together),
                    "");
            System.out.println(table);
            Path out = Path.of("target", "benchmark", "tab-open.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, table);
        } finally {
            simulator.setRequestDelay(Duration.ZERO);
        }
    }

    private static double median(Runnable action) {
        for (int i = 0; i < WARMUP; i++) {
            action.run();
        }
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            action.run();
            millis.add((System.nanoTime() - start) / 1_000_000);
        }
        millis.sort(Long::compareTo);
        return millis.get(millis.size() / 2);
    }
}
