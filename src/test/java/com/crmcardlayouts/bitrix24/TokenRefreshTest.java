package com.crmcardlayouts.bitrix24;

import com.crmcardlayouts.portal.Portal;
import com.crmcardlayouts.portal.PortalRegistry;
import com.crmcardlayouts.portal.PortalStatus;
import com.crmcardlayouts.portal.TokenPair;
import com.crmcardlayouts.portal.TokenStore;
import com.crmcardlayouts.portal.UserCredentials;
import com.crmcardlayouts.simulator.IssuedTokens;
import com.crmcardlayouts.simulator.SimPortal;
import com.crmcardlayouts.simulator.Simulator;
import com.crmcardlayouts.testing.Db;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.crmcardlayouts.simulator.SimUsers.ADMIN;
import static com.crmcardlayouts.simulator.SimUsers.PLAIN_USER;
import static com.crmcardlayouts.testing.Bitrix24Requests.install;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class TokenRefreshTest {

    @Inject
    Simulator simulator;

    @Inject
    Bitrix24Client client;

    @Inject
    TokenRefresher refresher;

    @Inject
    TokenStore store;

    @Inject
    OAuthServer oauth;

    @Inject
    PortalRegistry registry;

    @Inject
    EntityManager em;

    @Test
    void an_expired_token_is_refreshed_once_and_the_call_retried() {
        SimPortal portal = installed();
        long portalId = Db.portal(portal.memberId()).id;
        String before = store.find(portalId, ADMIN).orElseThrow().tokens().accessToken();
        portal.expireAllAccessTokens();

        assertEquals("1", client.call(portalId, ADMIN, "profile", Map.of(), client.deadline()).path("ID").asText());

        assertEquals(1, portal.refreshCount(ADMIN));
        assertNotEquals(before, store.find(portalId, ADMIN).orElseThrow().tokens().accessToken());
    }

    @Test
    void a_stored_expiry_in_the_past_refreshes_before_calling() {
        SimPortal portal = installed();
        long portalId = Db.portal(portal.memberId()).id;
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update user_token set expires_at = now() - interval '1 minute' where portal_id = ?1").setParameter(1, portalId).executeUpdate());
        int profileCallsBefore = portal.restCallCount("profile");

        client.call(portalId, ADMIN, "profile", Map.of(), client.deadline());

        assertEquals(1, portal.refreshCount(ADMIN));
        assertEquals(profileCallsBefore + 1, portal.restCallCount("profile"), "no call was wasted on the expired token");
    }

    @Test
    void twenty_concurrent_callers_after_expiry_cause_exactly_one_refresh() throws Exception {
        SimPortal portal = installed();
        long portalId = Db.portal(portal.memberId()).id;
        portal.expireAllAccessTokens();
        // A slow OAuth server keeps the refresh running while the other callers find their token expired.
        simulator.setTokenEndpointDelay(java.time.Duration.ofSeconds(1));
        int before = portal.restCallCount("profile");
        try {
            List<String> ids = runTogether(20, i -> () -> client.call(portalId, ADMIN, "profile", Map.of(), client.deadline()).path("ID").asText());

            assertEquals(20, ids.stream().filter("1"::equals).count());
            assertEquals(1, portal.refreshCount(ADMIN));
            int staleCalls = portal.restCallCount("profile") - before - 20;
            assertTrue(staleCalls >= 2, "callers overlapped: " + staleCalls + " found the token expired");
        } finally {
            simulator.setTokenEndpointDelay(java.time.Duration.ZERO);
        }
    }

    @Test
    void two_app_instances_on_one_database_refresh_once_and_lose_no_token() throws Exception {
        SimPortal portal = installed();
        long portalId = Db.portal(portal.memberId()).id;
        // A second instance: its own in-process lock, the same database. Only the row lock serializes them.
        TokenRefresher otherInstance = new TokenRefresher(store, oauth);
        UserCredentials stale = store.find(portalId, ADMIN).orElseThrow();
        portal.expireAllAccessTokens();

        List<String> tokens = runTogether(20, i -> () -> (i % 2 == 0 ? refresher : otherInstance).refresh(stale).tokens().accessToken());

        assertEquals(1, portal.refreshCount(ADMIN));
        assertEquals(1, tokens.stream().distinct().count(), "every caller got the one rotated pair");
        // The stored refresh token is the live one: another expiry is survived.
        portal.expireAllAccessTokens();
        assertEquals("1", client.call(portalId, ADMIN, "profile", Map.of(), client.deadline()).path("ID").asText());
        assertEquals(2, portal.refreshCount(ADMIN));
    }

    @Test
    void a_revoked_refresh_token_marks_the_installer_for_reauthorization_and_spares_other_users() {
        SimPortal portal = installed();
        long portalId = Db.portal(portal.memberId()).id;
        IssuedTokens plain = portal.issueTokens(PLAIN_USER);
        store.save(portalId, PLAIN_USER, new TokenPair(plain.accessToken(), plain.refreshToken(), plain.expiresAt()));
        portal.revokeRefreshTokens(ADMIN);
        portal.expireAllAccessTokens();

        assertThrows(Bitrix24Exception.TokenRevoked.class, () -> client.call(portalId, ADMIN, "profile", Map.of(), client.deadline()));
        assertEquals(PortalStatus.NEEDS_REAUTH, Db.portal(portal.memberId()).status());
        assertEquals(1, Db.count(em, "select count(*) from user_token where portal_id = ?1 and user_id = ?2 and revoked_at is not null",
                portalId, ADMIN));
        assertThrows(Bitrix24Exception.TokenRevoked.class, () -> client.call(portalId, ADMIN, "profile", Map.of(), client.deadline()),
                "a dead chain is not tried again");
        assertEquals(1, portal.refreshCount(ADMIN));

        assertEquals("3", client.call(portalId, PLAIN_USER, "profile", Map.of(), client.deadline()).path("ID").asText());

        IssuedTokens fresh = portal.issueTokens(ADMIN);
        registry.userReturned(portalId, ADMIN, new TokenPair(fresh.accessToken(), fresh.refreshToken(), fresh.expiresAt()));
        assertEquals(PortalStatus.ACTIVE, Db.portal(portal.memberId()).status());
        assertEquals("1", client.call(portalId, ADMIN, "profile", Map.of(), client.deadline()).path("ID").asText());
    }

    @Test
    void an_oauth_server_outage_during_a_refresh_revokes_nothing_and_the_next_call_refreshes() {
        SimPortal portal = installed();
        long portalId = Db.portal(portal.memberId()).id;
        String storedRefreshToken = store.find(portalId, ADMIN).orElseThrow().tokens().refreshToken();
        portal.expireAllAccessTokens();
        simulator.failNextTokenRequests(1, 503, "");

        assertThrows(Bitrix24Exception.Unavailable.class, () -> client.call(portalId, ADMIN, "profile", Map.of(), client.deadline()));

        assertEquals(storedRefreshToken, store.find(portalId, ADMIN).orElseThrow().tokens().refreshToken(), "the pair is kept");
        assertEquals(0, Db.count(em, "select count(*) from user_token where portal_id = ?1 and revoked_at is not null", portalId));
        assertEquals(PortalStatus.ACTIVE, Db.portal(portal.memberId()).status());
        assertEquals("1", client.call(portalId, ADMIN, "profile", Map.of(), client.deadline()).path("ID").asText());
        assertEquals(1, portal.refreshCount(ADMIN));
    }

    @Test
    void a_refresh_answer_for_another_user_is_refused_and_never_stored() {
        SimPortal portal = installed();
        long portalId = Db.portal(portal.memberId()).id;
        // A request brought the plain user's verified access token with someone else's refresh token.
        IssuedTokens plain = portal.issueTokens(PLAIN_USER);
        IssuedTokens managers = portal.issueTokens(com.crmcardlayouts.simulator.SimUsers.CRM_MANAGER);
        store.save(portalId, PLAIN_USER, new TokenPair(plain.accessToken(), managers.refreshToken(), plain.expiresAt()));
        portal.expireAllAccessTokens();

        assertThrows(Bitrix24Exception.TokenRevoked.class, () -> client.call(portalId, PLAIN_USER, "profile", Map.of(), client.deadline()));

        assertEquals(1, portal.refreshCount(com.crmcardlayouts.simulator.SimUsers.CRM_MANAGER), "the OAuth server answered for the manager");
        assertTrue(store.find(portalId, PLAIN_USER).isEmpty(), "the manager's new pair is not the plain user's");
        assertEquals(1, Db.count(em, "select count(*) from user_token where portal_id = ?1 and user_id = ?2 and revoked_at is not null",
                portalId, PLAIN_USER));
        assertEquals(0, Db.count(em, "select count(*) from user_token where portal_id = ?1 and user_id = ?2",
                portalId, com.crmcardlayouts.simulator.SimUsers.CRM_MANAGER), "and it is stored nowhere else");
        assertEquals(PortalStatus.ACTIVE, Db.portal(portal.memberId()).status(), "the installer is not concerned");
    }

    @Test
    void invalid_grant_rereads_the_stored_pair_and_uses_a_rotation_another_instance_stored_meanwhile() throws Exception {
        SimPortal portal = installed();
        long portalId = Db.portal(portal.memberId()).id;
        UserCredentials stale = store.find(portalId, ADMIN).orElseThrow();
        // Another instance spent the stored refresh token; its commit lands just after our refresh failed.
        TokenPair theirs = oauth.refresh(stale.tokens().refreshToken()).orElseThrow().pair();
        portal.expireAllAccessTokens();
        ExecutorService otherInstance = Executors.newSingleThreadExecutor();
        try {
            TokenStore.Rotation rotation = store.rotate(portalId, ADMIN, stale.tokens().accessToken(), spent -> {
                // Waits for our row lock, so it stores its pair right after our attempt ends.
                otherInstance.submit(() -> store.save(portalId, ADMIN, theirs));
                return oauth.refresh(spent);
            });

            TokenStore.Rotation.Current current = assertInstanceOf(TokenStore.Rotation.Current.class, rotation);
            assertEquals(theirs.accessToken(), current.credentials().tokens().accessToken());
        } finally {
            otherInstance.shutdown();
        }
        assertEquals(2, portal.refreshCount(ADMIN), "theirs and our invalid_grant; no refresh after");
        assertEquals(0, Db.count(em, "select count(*) from user_token where portal_id = ?1 and revoked_at is not null", portalId));
        assertEquals(PortalStatus.ACTIVE, Db.portal(portal.memberId()).status());
        assertEquals("1", client.call(portalId, ADMIN, "profile", Map.of(), client.deadline()).path("ID").asText());
    }

    @Test
    void a_refresh_token_from_a_request_does_not_replace_a_confirmed_live_chain() {
        SimPortal portal = installed();
        long portalId = Db.portal(portal.memberId()).id;
        portal.expireAllAccessTokens();
        client.call(portalId, ADMIN, "profile", Map.of(), client.deadline());
        String confirmed = store.find(portalId, ADMIN).orElseThrow().tokens().refreshToken();
        IssuedTokens fresh = portal.issueTokens(ADMIN);

        store.save(portalId, ADMIN, new TokenPair(fresh.accessToken(), "not-a-refresh-token-of-this-user", fresh.expiresAt()));

        UserCredentials stored = store.find(portalId, ADMIN).orElseThrow();
        assertEquals(fresh.accessToken(), stored.tokens().accessToken(), "the verified access token is taken");
        assertEquals(confirmed, stored.tokens().refreshToken(), "the confirmed chain stays");
        portal.expireAllAccessTokens();
        assertEquals("1", client.call(portalId, ADMIN, "profile", Map.of(), client.deadline()).path("ID").asText());
    }

    @Test
    void a_hundred_users_expiring_at_once_hold_few_connections_and_other_database_work_is_served() throws Exception {
        SimPortal portal = installed();
        long portalId = Db.portal(portal.memberId()).id;
        List<Long> users = new ArrayList<>();
        for (long userId = 100; userId < 200; userId++) {
            portal.setUser(userId, false, false, true);
            IssuedTokens issued = portal.issueTokens(userId);
            store.save(portalId, userId, new TokenPair(issued.accessToken(), issued.refreshToken(), issued.expiresAt()));
            users.add(userId);
        }
        portal.expireAllAccessTokens();
        // Each refresh holds its row lock (and a connection) across a slow OAuth call.
        simulator.setTokenEndpointDelay(java.time.Duration.ofMillis(300));
        ExecutorService observer = Executors.newSingleThreadExecutor();
        java.util.concurrent.atomic.AtomicBoolean storming = new java.util.concurrent.atomic.AtomicBoolean(true);
        try {
            Future<long[]> watch = observer.submit(() -> {
                long most = 0;
                long otherWork = 0;
                while (storming.get()) {
                    // Sessions in a rotation: they hold (or take) a FOR UPDATE lock on user_token.
                    most = Math.max(most, Db.count(em, """
                            select count(distinct l.pid) from pg_locks l join pg_class c on c.oid = l.relation
                            where c.relname = 'user_token' and l.mode = 'RowShareLock'"""));
                    otherWork += Db.count(em, "select count(*) from portal where id = ?1", portalId);
                    Thread.sleep(20);
                }
                return new long[]{most, otherWork};
            });

            // Straight to the refresher: the portal's own call slots would otherwise queue these callers first.
            List<String> ids = runTogether(users.size(), i -> () -> String.valueOf(
                    refresher.refresh(store.find(portalId, users.get(i)).orElseThrow()).userId()));
            storming.set(false);
            long[] seen = watch.get();

            org.jboss.logging.Logger.getLogger(TokenRefreshTest.class).infof(
                    "Refresh storm: %d users, at most %d rotations holding connections at once, %d other queries served meanwhile",
                    users.size(), seen[0], seen[1]);
            assertEquals(users.stream().map(String::valueOf).toList(), ids, "every user was served");
            assertTrue(seen[0] >= 1 && seen[0] <= 6, "rotations holding connections at once: " + seen[0]);
            assertTrue(seen[1] > 0, "other database work was served throughout");
            assertEquals(100, users.stream().filter(userId -> portal.refreshCount(userId) == 1).count());
        } finally {
            storming.set(false);
            observer.shutdownNow();
            simulator.setTokenEndpointDelay(java.time.Duration.ZERO);
        }
    }

    @Test
    void a_portal_that_cannot_be_reached_is_reported_unavailable() {
        SimPortal portal = installed();
        long portalId = Db.portal(portal.memberId()).id;
        // Nothing listens on port 1.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update portal set client_endpoint = 'http://127.0.0.1:1/rest/' where id = ?1").setParameter(1, portalId).executeUpdate());

        Bitrix24Exception failure = assertThrows(Bitrix24Exception.Unavailable.class,
                () -> client.call(portalId, ADMIN, "profile", Map.of(), client.deadline()));

        assertTrue(failure.getMessage().contains("could not be reached"), failure.getMessage());
    }

    @Test
    void query_limit_exceeded_is_retried_after_waiting_for_the_budget() {
        SimPortal portal = installed();
        long portalId = Db.portal(portal.memberId()).id;
        portal.failNextCalls(2, 503, "QUERY_LIMIT_EXCEEDED");

        assertEquals("1", client.call(portalId, ADMIN, "profile", Map.of(), client.deadline()).path("ID").asText());
    }

    @Test
    void a_portal_that_keeps_rate_limiting_gives_up_within_the_budget() {
        SimPortal portal = installed();
        long portalId = Db.portal(portal.memberId()).id;
        portal.setRateLimited(true);
        Deadline deadline = client.deadline();

        Bitrix24Exception limited = assertThrows(Bitrix24Exception.RateLimited.class,
                () -> client.call(portalId, ADMIN, "profile", Map.of(), deadline));

        // Each refusal fills the portal's budget for a growing back-off; it stops when the next back-off, or the
        // slot after it, would end after the deadline.
        assertTrue(Set.of("QUERY_LIMIT_EXCEEDED", "BUDGET_EXHAUSTED").contains(limited.code()), limited.code());
        assertTrue(((Bitrix24Exception.RateLimited) limited).retryAfterSeconds().isPresent(), "says when to come back");
        assertFalse(deadline.hasPassed(), "it gave up before its deadline");
        assertTrue(portal.restCallCount("profile") >= 3, "waited for the budget and retried several times");
    }

    @Test
    void a_call_whose_request_has_spent_its_deadline_does_not_reach_bitrix24() {
        SimPortal portal = installed();
        long portalId = Db.portal(portal.memberId()).id;
        Deadline spent = Deadline.in(Duration.ZERO);
        int before = portal.restCallCount("profile");

        Bitrix24Exception late = assertThrows(Bitrix24Exception.RateLimited.class, () -> client.call(portalId, ADMIN, "profile", Map.of(), spent));

        assertEquals("DEADLINE_PASSED", late.code());
        assertEquals(before, portal.restCallCount("profile"), "a request out of time asks Bitrix24 nothing more");
    }

    @Test
    void operation_time_limit_fails_at_once() {
        SimPortal portal = installed();
        long portalId = Db.portal(portal.memberId()).id;
        portal.setOperationTimeLimited(true);
        int before = portal.restCallCount("profile");

        assertThrows(Bitrix24Exception.RateLimited.class, () -> client.call(portalId, ADMIN, "profile", Map.of(), client.deadline()));
        assertEquals(before + 1, portal.restCallCount("profile"));
    }

    @Test
    void server_errors_are_retried_twice_then_reported() {
        SimPortal portal = installed();
        long portalId = Db.portal(portal.memberId()).id;
        portal.failNextCalls(2, 500, "INTERNAL_SERVER_ERROR");
        assertEquals("1", client.call(portalId, ADMIN, "profile", Map.of(), client.deadline()).path("ID").asText());

        portal.failNextCalls(3, 502, "");
        assertThrows(Bitrix24Exception.Unavailable.class, () -> client.call(portalId, ADMIN, "profile", Map.of(), client.deadline()));
    }

    @Test
    void errors_are_told_apart_by_their_code_not_the_http_status() {
        SimPortal portal = installed();
        long portalId = Db.portal(portal.memberId()).id;
        // Card-configuration errors: HTTP 400 with an empty code.
        Bitrix24Exception denied = assertThrows(Bitrix24Exception.AccessDenied.class, () -> client.call(portalId, PLAIN_USER_WITH_TOKEN(portal, portalId),
                "crm.item.details.configuration.forceCommonScopeForAll", Map.of("entityTypeId", 1), client.deadline()));
        assertEquals("", denied.code());
        Bitrix24Exception undefined = assertThrows(Bitrix24Exception.class, () -> client.call(portalId, ADMIN,
                "crm.item.details.configuration.reset", Map.of("entityTypeId", 5), client.deadline()));
        assertTrue(undefined.description().contains("not supported"));
        assertThrows(Bitrix24Exception.MethodNotFound.class, () -> client.call(portalId, ADMIN, "crm.nothing.here", Map.of(), client.deadline()));
    }

    private long PLAIN_USER_WITH_TOKEN(SimPortal portal, long portalId) {
        IssuedTokens plain = portal.issueTokens(PLAIN_USER);
        store.save(portalId, PLAIN_USER, new TokenPair(plain.accessToken(), plain.refreshToken(), plain.expiresAt()));
        return PLAIN_USER;
    }

    private SimPortal installed() {
        SimPortal portal = simulator.createPortal();
        install(portal);
        Portal stored = Db.portal(portal.memberId());
        assertNotNull(stored.id);
        return portal;
    }

    interface Task<T> {
        Callable<T> make(int i);
    }

    /** Starts all callers at the same instant. */
    static <T> List<T> runTogether(int callers, Task<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                Callable<T> call = task.make(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
