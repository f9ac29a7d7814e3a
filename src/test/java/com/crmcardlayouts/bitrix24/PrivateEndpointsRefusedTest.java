package com.crmcardlayouts.bitrix24;

import com.crmcardlayouts.portal.PortalRegistry;
import com.crmcardlayouts.portal.TokenPair;
import com.crmcardlayouts.simulator.SimPortal;
import com.crmcardlayouts.simulator.Simulator;
import com.crmcardlayouts.testing.Db;
import com.crmcardlayouts.testing.Fixture;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static com.crmcardlayouts.simulator.SimUsers.ADMIN;
import static com.crmcardlayouts.testing.Bitrix24Requests.frame;
import static com.crmcardlayouts.testing.Bitrix24Requests.frameValues;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** As in production: portal endpoints on private addresses are refused, the simulator on 127.0.0.1 among them. */
@QuarkusTest
@TestProfile(PrivateEndpointsRefusedTest.Production.class)
class PrivateEndpointsRefusedTest {

    /** The test profile with {@code bitrix24.allow-private-endpoints} as production has it (http:// stays allowed). */
    public static class Production implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bitrix24.allow-private-endpoints", "false");
        }
    }

    static final PortalExchangesTest.StandIn portalServer = new PortalExchangesTest.StandIn();

    @Inject
    Simulator simulator;
    @Inject
    Bitrix24Client client;
    @Inject
    PortalRegistry portals;

    @BeforeAll
    static void startServer() throws Exception {
        portalServer.start();
    }

    @AfterAll
    static void stopServer() {
        portalServer.stop();
    }

    @BeforeEach
    void clearCounts() {
        portalServer.requests.clear();
    }

    @Test
    void the_simulator_on_127_0_0_1_cannot_install_the_app() {
        SimPortal portal = simulator.createPortal();

        frame("/bitrix24/install", portal.domain(), "en",
                Fixture.form("install-frame-with-application-token.form", frameValues(portal, ADMIN)))
                .then().statusCode(401);

        assertFalse(Db.hasPortal(portal.memberId()));
        assertEquals(0, portal.restCallCount("profile"), "not even the administrator check reached it");
    }

    @Test
    void a_host_name_that_resolves_to_a_private_address_is_refused_before_anything_is_sent() {
        long portalId = storedPortal("http://portal.internal.test:" + portalServer.server.actualPort() + "/ok/rest/");
        QuarkusMock.installMockForType(new PortalExchangesTest.CountingResolver(InetAddress.getLoopbackAddress()), HostResolver.class);

        Bitrix24Exception refused = assertThrows(Bitrix24Exception.InvalidToken.class,
                () -> client.call(portalId, ADMIN, "profile", Map.of(), client.deadline()));

        assertEquals("PRIVATE_ENDPOINT", refused.code());
        assertEquals(0, portalServer.requests("ok", "profile"));
    }

    @Test
    void a_name_that_rebinds_to_a_private_address_after_the_check_is_never_connected_to_there() throws Exception {
        long portalId = storedPortal("http://portal.rebinding.test:" + portalServer.server.actualPort() + "/ok/rest/");
        // First answer public (nothing listens there for this test), every later one the stand-in on 127.0.0.1.
        PortalExchangesTest.CountingResolver resolver = new PortalExchangesTest.CountingResolver(
                InetAddress.getByName("192.88.99.1"), InetAddress.getLoopbackAddress());
        QuarkusMock.installMockForType(resolver, HostResolver.class);

        assertThrows(Bitrix24Exception.class, () -> client.call(portalId, ADMIN, "profile", Map.of(), Deadline.in(Duration.ofSeconds(2))));

        assertEquals(0, portalServer.requests("ok", "profile"), "nothing reached the private address");
        assertEquals("portal.rebinding.test", resolver.asked.get(0));
    }

    /** A portal stored directly: none can be installed here, since the simulator answers on 127.0.0.1. */
    private long storedPortal(String endpoint) {
        String memberId = UUID.randomUUID().toString().replace("-", "");
        portals.install(new PortalRegistry.VerifiedPortal(memberId, "portal-" + memberId.substring(0, 8) + ".test", endpoint, "crm,placement", 1),
                ADMIN, new TokenPair("access-" + memberId, "refresh-" + memberId, Instant.now().plusSeconds(3600)), "app-token-" + memberId);
        return Db.portal(memberId).id;
    }
}
