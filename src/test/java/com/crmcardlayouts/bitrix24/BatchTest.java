package com.crmcardlayouts.bitrix24;

import com.crmcardlayouts.portal.PortalEvents;
import com.crmcardlayouts.portal.TokenPair;
import com.crmcardlayouts.portal.TokenStore;
import com.crmcardlayouts.simulator.IssuedTokens;
import com.crmcardlayouts.simulator.SimPortal;
import com.crmcardlayouts.simulator.Simulator;
import com.crmcardlayouts.testing.Db;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.crmcardlayouts.simulator.SimUsers.ADMIN;
import static com.crmcardlayouts.simulator.SimUsers.PLAIN_USER;
import static com.crmcardlayouts.testing.Bitrix24Requests.install;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Several operations in as few requests as Bitrix24 allows, each with its own answer or error. */
@QuarkusTest
class BatchTest {

    private static final LayoutTarget DEAL_FUNNEL_5 = new LayoutTarget(new EntityType(EntityType.DEAL), 5, null);
    private static final LayoutTarget REPEAT_LEADS = new LayoutTarget(new EntityType(EntityType.LEAD), null, 2);

    @Inject
    Simulator simulator;
    @Inject
    Bitrix24Client client;
    @Inject
    Event<PortalEvents.Lifecycle> lifecycle;
    @Inject
    TokenStore tokens;

    SimPortal portal;
    long portalId;

    @BeforeEach
    void installed() {
        portal = simulator.createPortal();
        install(portal);
        portalId = Db.portal(portal.memberId()).id;
    }

    @Test
    void a_hundred_and_twenty_commands_travel_as_three_batches_of_at_most_fifty() {
        int batchesBefore = portal.restCallCount("batch");
        int profilesBefore = portal.restCallCount("profile");
        Batch batch = client.batch(ActingUser.of(portalId, ADMIN));
        List<Batch.Answer<Profile>> answers = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            answers.add(batch.add(Profile.current()));
        }
        batch.run(client.deadline());

        assertEquals(3, portal.restCallCount("batch") - batchesBefore);
        assertEquals(120, portal.restCallCount("profile") - profilesBefore);
        answers.forEach(answer -> assertEquals(ADMIN, answer.get().id()));
    }

    @Test
    void an_error_in_one_command_fails_only_that_one_and_each_keeps_its_own_type() {
        IssuedTokens plain = portal.issueTokens(PLAIN_USER);
        tokens.save(portalId, PLAIN_USER, new TokenPair(plain.accessToken(), plain.refreshToken(), plain.expiresAt()));
        int batchesBefore = portal.restCallCount("batch");
        Batch batch = client.batch(ActingUser.of(portalId, PLAIN_USER));
        Batch.Answer<Profile> profile = batch.add(Profile.current());
        Batch.Answer<Optional<CardLayout>> othersLayout = batch.add(Layouts.get(LayoutCall.personal(DEAL_FUNNEL_5, ADMIN)));
        Batch.Answer<Boolean> managesLayouts = batch.add(Layouts.mayChangeOthers(new EntityType(EntityType.CONTACT), PLAIN_USER));
        Batch.Answer<Optional<CardLayout>> undefinedType = batch.add(Layouts.get(LayoutCall.common(new LayoutTarget(new EntityType(999), null, null))));
        Batch.Answer<Object> unknownMethod = batch.add(Operation.of("crm.nothing.here", Map.of(), Reply::result));
        batch.run(client.deadline());

        assertEquals(1, portal.restCallCount("batch") - batchesBefore);
        assertEquals(PLAIN_USER, profile.get().id());
        assertThrows(Bitrix24Exception.AccessDenied.class, othersLayout::get);
        assertFalse(managesLayouts.get(), "Access denied to someone else's layout means: manages no layouts");
        Bitrix24Exception undefined = assertThrows(Bitrix24Exception.class, undefinedType::get);
        assertTrue(undefined.description().contains("is not defined"), undefined.description());
        assertThrows(Bitrix24Exception.MethodNotFound.class, unknownMethod::get);
    }

    @Test
    void a_method_bitrix24_refuses_inside_batch_is_sent_alone() {
        int batchesBefore = portal.restCallCount("batch");
        Batch batch = client.batch(ActingUser.of(portalId, ADMIN));
        Batch.Answer<Profile> first = batch.add(Profile.current());
        Batch.Answer<Object> download = batch.add(Operation.of("download", Map.of(), Reply::result));
        Batch.Answer<Profile> second = batch.add(Profile.current());
        batch.run(client.deadline());

        assertEquals(1, portal.restCallCount("batch") - batchesBefore, "the two profiles together");
        assertEquals(1, portal.restCallCount("download"));
        assertEquals(ADMIN, first.get().id());
        assertEquals(ADMIN, second.get().id());
        Bitrix24Exception alone = assertThrows(Bitrix24Exception.class, download::get);
        assertFalse(alone.code().startsWith("ERROR_BATCH"), "sent inside the batch: " + alone.code());
    }

    @Test
    void nested_parameters_in_a_batch_reach_bitrix24_as_it_reads_them() {
        CardLayout layout = new CardLayout(List.of(
                new CardLayout.Section("main", "About the deal", List.of(
                        new CardLayout.Element("TITLE", null, 1, Map.of()),
                        new CardLayout.Element("OPPORTUNITY_WITH_CURRENCY", null, null, Map.of("isPayButtonVisible", "false")))),
                new CardLayout.Section("more", "", List.of(new CardLayout.Element("COMMENTS", null, null, Map.of())))));
        Batch writes = client.batch(ActingUser.of(portalId, ADMIN));
        Batch.Answer<Layouts.Applied> funnel = writes.add(Layouts.set(LayoutCall.common(DEAL_FUNNEL_5), layout));
        Batch.Answer<Layouts.Applied> leads = writes.add(Layouts.set(LayoutCall.personal(REPEAT_LEADS, PLAIN_USER), layout));
        writes.run(client.deadline());
        funnel.get();
        leads.get();

        ActingUser admin = ActingUser.of(portalId, ADMIN);
        CardLayout storedFunnel = client.call(admin, Layouts.get(LayoutCall.common(DEAL_FUNNEL_5)), client.deadline()).orElseThrow();
        CardLayout storedLeads = client.call(admin, Layouts.get(LayoutCall.personal(REPEAT_LEADS, PLAIN_USER)), client.deadline()).orElseThrow();
        // Form encoding turns every value into text, as Bitrix24 would store it.
        CardLayout asText = new CardLayout(List.of(
                new CardLayout.Section("main", "About the deal", List.of(
                        new CardLayout.Element("TITLE", null, "1", Map.of()),
                        new CardLayout.Element("OPPORTUNITY_WITH_CURRENCY", null, null, Map.of("isPayButtonVisible", "false")))),
                new CardLayout.Section("more", "", List.of(new CardLayout.Element("COMMENTS", null, null, Map.of())))));
        assertEquals(asText, storedFunnel);
        assertEquals(asText, storedLeads);
        assertEquals(Optional.empty(), client.call(admin, Layouts.get(LayoutCall.common(new LayoutTarget(new EntityType(EntityType.DEAL), 0, null))),
                client.deadline()), "another funnel is untouched");
    }

    @Test
    void a_portal_without_the_universal_methods_is_asked_the_older_ones_directly_once_found() {
        portal.setMethodMissing("crm.item.details.configuration", true);
        ActingUser admin = ActingUser.of(portalId, ADMIN);

        Layouts.Applied first = client.call(admin, Layouts.reset(LayoutCall.common(DEAL_FUNNEL_5)), client.deadline());
        Layouts.Applied second = client.call(admin, Layouts.reset(LayoutCall.common(DEAL_FUNNEL_5)), client.deadline());

        assertEquals("crm.deal.details.configuration.reset", first.method());
        assertEquals("crm.deal.details.configuration.reset", second.method());
        assertEquals(1, portal.restCallCount("crm.item.details.configuration.reset"), "the 404 is paid once");
        assertEquals(2, portal.restCallCount("crm.deal.details.configuration.reset"));
    }

    @Test
    void an_app_update_makes_the_universal_methods_worth_trying_again() {
        portal.setMethodMissing("crm.item.details.configuration", true);
        ActingUser admin = ActingUser.of(portalId, ADMIN);
        client.call(admin, Layouts.reset(LayoutCall.common(DEAL_FUNNEL_5)), client.deadline());
        portal.setMethodMissing("crm.item.details.configuration", false);

        QuarkusTransaction.requiringNew().run(() ->
                lifecycle.fire(new PortalEvents.Lifecycle(portalId, PortalEvents.Change.UPDATED, (long) ADMIN, "version 2")));
        Layouts.Applied afterUpdate = client.call(admin, Layouts.reset(LayoutCall.common(DEAL_FUNNEL_5)), client.deadline());

        assertEquals("crm.item.details.configuration.reset", afterUpdate.method());
        assertEquals(2, portal.restCallCount("crm.item.details.configuration.reset"));
    }

    @Test
    void a_type_without_an_older_method_reports_the_missing_method() {
        portal.setMethodMissing("crm.item.details.configuration", true);
        LayoutTarget smartProcess = new LayoutTarget(new EntityType(SimPortal.SMART_PROCESS_ID), 0, null);
        Bitrix24Exception missing = assertThrows(Bitrix24Exception.class,
                () -> client.call(ActingUser.of(portalId, ADMIN), Layouts.reset(LayoutCall.common(smartProcess)), client.deadline()));
        assertInstanceOf(Bitrix24Exception.MethodNotFound.class, missing);
    }

    @Test
    void every_page_after_the_first_is_asked_in_one_batch() {
        for (long id = 100; id < 220; id++) {
            portal.setUser(id, false, false, true);
        }
        int batchesBefore = portal.restCallCount("batch");
        int pagesBefore = portal.restCallCount("user.get");

        List<PortalUser> users = client.everyPage(ActingUser.of(portalId, ADMIN), PortalUser::active, 10_000, client.deadline());

        assertEquals(portal.users().stream().filter(u -> u.active()).count(), users.size());
        assertEquals(users.size(), users.stream().map(PortalUser::id).distinct().count(), "no row twice");
        assertEquals(1, portal.restCallCount("batch") - batchesBefore, "pages 2 and 3 together");
        assertEquals(3, portal.restCallCount("user.get") - pagesBefore);
    }
}
