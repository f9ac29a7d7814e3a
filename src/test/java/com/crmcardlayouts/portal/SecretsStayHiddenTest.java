package com.crmcardlayouts.portal;

import com.crmcardlayouts.bitrix24.ActingUser;
import com.crmcardlayouts.bitrix24.Profile;
import com.crmcardlayouts.bitrix24.Bitrix24Client;
import com.crmcardlayouts.simulator.SimPortal;
import com.crmcardlayouts.simulator.Simulator;
import com.crmcardlayouts.testing.Db;
import com.crmcardlayouts.testing.Fixture;
import com.crmcardlayouts.testing.AppLog;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.crmcardlayouts.simulator.SimUsers.ADMIN;
import static com.crmcardlayouts.testing.Bitrix24Requests.event;
import static com.crmcardlayouts.testing.Bitrix24Requests.eventValues;
import static com.crmcardlayouts.testing.Bitrix24Requests.frame;
import static com.crmcardlayouts.testing.Bitrix24Requests.frameValues;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class SecretsStayHiddenTest {

    static final String CLIENT_SECRET = "simulator-secret";

    @Inject
    Simulator simulator;

    @Inject
    Bitrix24Client client;

    @Inject
    TokenStore store;

    @Inject
    EntityManager em;

    @Test
    void no_token_or_client_secret_reaches_the_database_or_the_logs() throws IOException {
        SimPortal portal = simulator.createPortal();
        List<String> secrets = new ArrayList<>();
        secrets.add(CLIENT_SECRET);
        long logStart = AppLog.end();
        {
            Map<String, String> install = frameValues(portal, ADMIN);
            secrets.add(install.get("AUTH_ID"));
            secrets.add(install.get("REFRESH_ID"));
            secrets.add(install.get("APPLICATION_TOKEN"));
            frame("/bitrix24/install", portal.domain(), "en", Fixture.form("install-frame-with-application-token.form", install))
                    .then().statusCode(200);
            Map<String, String> onInstall = eventValues(portal, ADMIN);
            secrets.add(onInstall.get("ACCESS_TOKEN"));
            secrets.add(onInstall.get("REFRESH_TOKEN"));
            event(Fixture.form("onappinstall-event.form", onInstall)).then().statusCode(200);
            Map<String, String> forged = eventValues(portal, ADMIN);
            forged.put("APPLICATION_TOKEN", "deadbeefdeadbeefdeadbeefdeadbeef");
            secrets.add("deadbeefdeadbeefdeadbeefdeadbeef");
            event(Fixture.form("onappuninstall-event.form", forged)).then().statusCode(401);

            long portalId = Db.portal(portal.memberId()).id;
            portal.expireAllAccessTokens();
            client.call(ActingUser.of(portalId, ADMIN), Profile.current(), client.deadline());
            TokenPair current = store.find(portalId, ADMIN).orElseThrow().tokens();
            secrets.add(current.accessToken());
            secrets.add(current.refreshToken());

            String database = dump();
            for (String secret : secrets) {
                assertFalse(database.contains(secret), "plaintext secret in the database");
            }
            List<String> lines = AppLog.linesSince(logStart);
            assertTrue(lines.stream().anyMatch(l -> l.contains("Installed on portal " + portal.memberId())), "the flow was logged at all");
            for (String line : lines) {
                for (String secret : secrets) {
                    assertFalse(line.contains(secret), "secret in a log line: " + line.replace(secret, "<secret>"));
                }
            }
        }
    }


    /** Every row of every table the app writes, as text. */
    private String dump() {
        return QuarkusTransaction.requiringNew().call(() -> String.valueOf(em.createNativeQuery("""
                select coalesce((select string_agg(t::text, '|') from portal t), '')
                    || coalesce((select string_agg(t::text, '|') from user_token t), '')
                    || coalesce((select string_agg(t::text, '|') from portal_settings t), '')
                    || coalesce((select string_agg(t::text, '|') from audit_entry t), '')
                """).getSingleResult()));
    }
}
