package com.crmcardlayouts.web;

import com.crmcardlayouts.portal.PortalRegistry;
import com.crmcardlayouts.simulator.Simulator;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static com.crmcardlayouts.simulator.SimUsers.ADMIN;
import static com.crmcardlayouts.web.InstalledPortal.reset;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A page-API action Bitrix24 cannot take now is a temporary 503 RATE_LIMITED that says, in Retry-After, when to come back. */
@QuarkusTest
class RateLimitedAnswersTest {

    private static final String RESET_OWN = "{\"entityTypeId\":2,\"scope\":\"P\"}";
    private static final String RESET_METHOD = "crm.item.details.configuration.reset";

    @Inject
    Simulator simulator;
    @Inject
    PortalRegistry portals;
    @Inject
    EntityManager em;

    InstalledPortal portal;
    String session;

    @BeforeEach
    void install() {
        portal = InstalledPortal.install(simulator, portals);
        session = portal.session(ADMIN);
    }

    @Test
    void a_portal_whose_budget_is_booked_beyond_the_request_answers_rate_limited_with_retry_after_and_is_not_called() {
        // Booked a minute ahead: the next slot comes once the bucket has drained below its burst; in the test
        // profile 4998 slots of 1 ms, so about 55 s from now.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        insert into portal_budget (portal_id, next_due) values (?1, now() + interval '60 seconds')
                        on conflict (portal_id) do update set next_due = excluded.next_due""")
                .setParameter(1, portal.portalId).executeUpdate());
        int resets = portal.sim.restCallCount(RESET_METHOD);

        ExtractableResponse<Response> answer = reset(session, RESET_OWN)
                .statusCode(503).body("error", equalTo("RATE_LIMITED")).extract();

        long retryAfter = Long.parseLong(answer.header("Retry-After"));
        assertTrue(retryAfter >= 50 && retryAfter <= 56, "when the next slot comes: " + retryAfter);
        assertEquals(resets, portal.sim.restCallCount(RESET_METHOD), "the portal is not asked");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from portal_budget where portal_id = ?1")
                .setParameter(1, portal.portalId).executeUpdate());
        reset(session, RESET_OWN).statusCode(200);
        assertEquals(resets + 1, portal.sim.restCallCount(RESET_METHOD), "with slots free again the portal is asked");
    }

    @Test
    void operation_time_limit_answers_rate_limited_with_retry_after_from_the_reported_reset() {
        portal.sim.operatingTime().spend(RESET_METHOD, 475, Instant.now().minus(Duration.ofMinutes(10)).plusSeconds(90));
        portal.sim.operatingTime().setCost(RESET_METHOD, 10);
        reset(session, RESET_OWN).statusCode(200);

        ExtractableResponse<Response> answer = reset(session, RESET_OWN)
                .statusCode(503).body("error", equalTo("RATE_LIMITED")).extract();
        int resets = portal.sim.restCallCount(RESET_METHOD);
        ExtractableResponse<Response> again = reset(session, RESET_OWN)
                .statusCode(503).body("error", equalTo("RATE_LIMITED")).extract();

        long retryAfter = Long.parseLong(answer.header("Retry-After"));
        assertTrue(retryAfter > 80 && retryAfter <= 90, "until operating_reset_at: " + retryAfter);
        assertTrue(Long.parseLong(again.header("Retry-After")) > 80, "the paused method keeps its Retry-After");
        assertEquals(2, resets, "the first reset and the one Bitrix24 refused reached the portal");
        assertEquals(resets, portal.sim.restCallCount(RESET_METHOD), "while paused the method is not asked for");
    }
}
