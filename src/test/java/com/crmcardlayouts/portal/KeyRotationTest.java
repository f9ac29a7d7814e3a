package com.crmcardlayouts.portal;

import com.crmcardlayouts.config.AppConfig;
import com.crmcardlayouts.testing.Db;
import com.crmcardlayouts.testing.Latches;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@TestProfile(KeyRotationTest.RotatedKey.class)
class KeyRotationTest {

    static final String OLD_KEY = "ZGV2LW9ubHkta2V5LWNoYW5nZS1tZS0zMi1ieXRlcyE=";
    static final String NEW_KEY = "bmV3LWtleS1hZnRlci1yb3RhdGlvbi0zMi1ieXRlcyE=";

    /** The dev key has just been replaced; it stays readable as a previous key. Own schema: other tests' rows stay untouched. */
    public static class RotatedKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "app.encryption-key", NEW_KEY,
                    "app.previous-encryption-keys", OLD_KEY,
                    "quarkus.flyway.schemas", "key_rotation",
                    "quarkus.datasource.jdbc.new-connection-sql", "set search_path to key_rotation");
        }
    }

    @Inject
    KeyRotation keyRotation;

    @Inject
    TokenCipher cipher;

    @Inject
    EntityManager em;

    final TokenCipher oldCipher = cipherFor(OLD_KEY);
    final String newKeyId = keyIdOf(cipherFor(NEW_KEY));

    @BeforeEach
    void empty() {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("delete from user_token").executeUpdate();
            em.createNativeQuery("delete from portal").executeUpdate();
        });
    }

    @Test
    void reencrypts_every_old_value_with_the_current_key_and_keeps_the_plaintext() {
        long portalA = insertPortal("member-a", oldCipher.encrypt("app-token-a", "portal:member-a"));
        long portalB = insertPortal("member-b", null);
        insertUserToken(portalA, 1, oldCipher, "access-a1", "refresh-a1");
        insertUserToken(portalA, 7, oldCipher, "access-a7", "refresh-a7");
        insertUserToken(portalB, 3, cipher, "access-b3", "refresh-b3");

        KeyRotation.Result result = keyRotation.reencryptAll();

        assertTrue(result.complete(), () -> result.failures().toString());
        assertEquals(2, result.userTokensReencrypted());
        assertEquals(1, result.applicationTokensReencrypted());
        for (Object[] row : userTokens()) {
            String context = TokenStore.context(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
            String access = (String) row[2];
            String refresh = (String) row[3];
            assertTrue(access.startsWith("v1." + newKeyId + "."), access);
            assertTrue(refresh.startsWith("v1." + newKeyId + "."), refresh);
            assertEquals("access-" + suffix(row), cipher.decrypt(access, context));
            assertEquals("refresh-" + suffix(row), cipher.decrypt(refresh, context));
        }
        String applicationToken = applicationToken(portalA);
        assertTrue(applicationToken.startsWith("v1." + newKeyId + "."), applicationToken);
        assertEquals("app-token-a", cipher.decrypt(applicationToken, "portal:member-a"));
        // The old key can no longer read anything: it may be dropped.
        assertThrows(IllegalStateException.class, () -> oldCipher.decrypt(applicationToken, "portal:member-a"));
    }

    @Test
    void a_second_run_finds_nothing_to_do() {
        long portal = insertPortal("member-c", oldCipher.encrypt("app-token-c", "portal:member-c"));
        insertUserToken(portal, 1, oldCipher, "access-c1", "refresh-c1");
        keyRotation.reencryptAll();
        List<Object[]> before = userTokens();

        KeyRotation.Result again = keyRotation.reencryptAll();

        assertEquals(new KeyRotation.Result(0, 0, List.of()), again);
        assertEquals(before.get(0)[2], userTokens().get(0)[2]);
    }

    @Test
    void a_value_under_an_unknown_key_fails_loudly_and_stays_as_it_was() {
        TokenCipher lostKey = cipherFor(randomKey());
        long portal = insertPortal("member-d", lostKey.encrypt("app-token-d", "portal:member-d"));
        insertUserToken(portal, 1, lostKey, "access-d1", "refresh-d1");
        insertUserToken(portal, 2, oldCipher, "access-d2", "refresh-d2");
        String lostApplicationToken = applicationToken(portal);
        Object[] lostRow = userTokens().get(0);

        KeyRotation.Result result = keyRotation.reencryptAll();

        assertFalse(result.complete());
        assertEquals(2, result.failures().size(), () -> result.failures().toString());
        assertTrue(result.failures().stream().anyMatch(f -> f.startsWith("user_token id=")), () -> result.failures().toString());
        assertTrue(result.failures().stream().anyMatch(f -> f.startsWith("portal id=")), () -> result.failures().toString());
        assertFalse(result.failures().toString().contains("access-d"), "a failure must never name a token");
        assertEquals(1, result.userTokensReencrypted());
        assertEquals(lostApplicationToken, applicationToken(portal));
        Object[] after = userTokens().get(0);
        assertEquals(lostRow[2], after[2]);
        assertEquals(lostRow[3], after[3]);
        assertEquals("access-d2", cipher.decrypt((String) userTokens().get(1)[2], TokenStore.context(portal, 2)));
    }

    @Test
    void waits_for_a_refresh_holding_the_row_and_never_writes_back_the_older_pair() throws Exception {
        long portal = insertPortal("member-e", null);
        insertUserToken(portal, 1, oldCipher, "access-e1", "refresh-e1");
        String context = TokenStore.context(portal, 1);
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            // Stands in for TokenStore.rotate: row lock held across the OAuth call, new pair stored before commit.
            Future<?> refresh = threads.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                em.createNativeQuery("select id from user_token where portal_id = ?1 for update")
                        .setParameter(1, portal).getResultList();
                locked.countDown();
                Latches.await(release);
                em.createNativeQuery("update user_token set access_token = ?1, refresh_token = ?2 where portal_id = ?3")
                        .setParameter(1, cipher.encrypt("access-e1-refreshed", context))
                        .setParameter(2, cipher.encrypt("refresh-e1-refreshed", context))
                        .setParameter(3, portal)
                        .executeUpdate();
            }));
            assertTrue(locked.await(10, TimeUnit.SECONDS));
            Future<KeyRotation.Result> rotation = threads.submit(keyRotation::reencryptAll);
            Db.awaitALockWaiter(em);
            assertFalse(rotation.isDone(), "the rotation must wait for the row lock");
            release.countDown();
            refresh.get(10, TimeUnit.SECONDS);

            KeyRotation.Result result = rotation.get(10, TimeUnit.SECONDS);

            assertEquals(new KeyRotation.Result(0, 0, List.of()), result);
            Object[] row = userTokens().get(0);
            assertEquals("access-e1-refreshed", cipher.decrypt((String) row[2], context));
            assertEquals("refresh-e1-refreshed", cipher.decrypt((String) row[3], context));
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    private long insertPortal(String memberId, String applicationToken) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("""
                        insert into portal (member_id, domain, client_endpoint, status, application_token)
                        values (?1, 'example.bitrix24.com', 'https://example.bitrix24.com/rest/', 'ACTIVE', ?2) returning id""")
                .setParameter(1, memberId)
                .setParameter(2, applicationToken)
                .getSingleResult()).longValue());
    }

    private void insertUserToken(long portalId, long userId, TokenCipher with, String access, String refresh) {
        String context = TokenStore.context(portalId, userId);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        insert into user_token (portal_id, user_id, access_token, refresh_token, expires_at)
                        values (?1, ?2, ?3, ?4, now() + interval '1 hour')""")
                .setParameter(1, portalId)
                .setParameter(2, userId)
                .setParameter(3, with.encrypt(access, context))
                .setParameter(4, with.encrypt(refresh, context))
                .executeUpdate());
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> userTokens() {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select portal_id, user_id, access_token, refresh_token from user_token order by id").getResultList());
    }

    private String applicationToken(long portalId) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select application_token from portal where id = ?1").setParameter(1, portalId).getSingleResult());
    }

    /** The plaintexts above end with the member letter and the user id, e.g. {@code a7}. */
    private String suffix(Object[] row) {
        String memberLetter = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select member_id from portal where id = ?1").setParameter(1, row[0]).getSingleResult());
        return memberLetter.substring(memberLetter.length() - 1) + row[1];
    }

    private static String keyIdOf(TokenCipher cipher) {
        return cipher.encrypt("", "key-id").split("\\.")[1];
    }

    private static String randomKey() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    /** A cipher that knows only the given key, as the app did before the rotation. */
    static TokenCipher cipherFor(String key) {
        // A proxy rather than an implementation, so that new AppConfig members do not break this test.
        AppConfig config = (AppConfig) Proxy.newProxyInstance(AppConfig.class.getClassLoader(), new Class<?>[]{AppConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "encryptionKey" -> key;
                    case "previousEncryptionKeys" -> Optional.empty();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return new TokenCipher(config);
    }
}
