package com.crmcardlayouts.operations;

import com.crmcardlayouts.bitrix24.ActingUser;
import com.crmcardlayouts.bitrix24.Profile;
import com.crmcardlayouts.bitrix24.Bitrix24Client;
import com.crmcardlayouts.simulator.SimPortal;
import com.crmcardlayouts.simulator.Simulator;
import com.crmcardlayouts.testing.Db;
import com.crmcardlayouts.testing.ManagementTestPort;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.crmcardlayouts.testing.Bitrix24Requests.install;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class MetricsTest {

    static final String ACTIVE = "portals\\{status=\"ACTIVE\"\\}";
    static final String BINDS = "bitrix24_calls_total\\{method=\"placement.bind\",outcome=\"ok\"\\}";
    static final String ROTATIONS = "bitrix24_token_refreshes_total\\{outcome=\"rotated\"\\}";

    @Inject
    Simulator simulator;

    @Inject
    Bitrix24Client client;

    @Test
    void prometheus_shows_portals_by_status_and_bitrix24_calls_by_method_and_outcome() {
        String before = metrics();
        SimPortal portal = simulator.createPortal();
        install(portal);
        portal.expireAllAccessTokens();
        client.call(ActingUser.of(Db.portal(portal.memberId()).id, 1), Profile.current(), client.deadline());

        String after = metrics();
        assertEquals(value(before, ACTIVE) + 1, value(after, ACTIVE));
        assertEquals(value(before, BINDS) + 4, value(after, BINDS));
        assertEquals(value(before, ROTATIONS) + 1, value(after, ROTATIONS));
    }

    @Test
    void metrics_are_served_on_the_management_port_only() {
        // The app's port (the one the Service and Ingress route) has no metrics.
        given().get("/q/metrics").then().statusCode(404);
        given().port(ManagementTestPort.port()).get("/q/metrics").then().statusCode(200);
    }

    private String metrics() {
        return given().port(ManagementTestPort.port()).get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static double value(String metrics, String series) {
        Matcher m = Pattern.compile("^" + series + " ([0-9.E+-]+)$", Pattern.MULTILINE).matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
