package com.crmcardlayouts.portal;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Re-encrypts every stored secret that was not written with the current {@code APP_ENCRYPTION_KEY}
 * (the second step of a key rotation). Safe while the app runs: each batch is a short transaction
 * that holds the same row locks as a token refresh, so a pair rotated meanwhile is never overwritten
 * with its older value. Running it again is harmless; rows already under the current key are skipped.
 */
@ApplicationScoped
public class KeyRotation {

    private static final Logger LOG = Logger.getLogger(KeyRotation.class);
    private static final int BATCH_SIZE = 200;

    /**
     * What a run did. {@code failures} name rows whose value could not be decrypted with any
     * configured key; they are left exactly as they were.
     */
    public record Result(int userTokensReencrypted, int applicationTokensReencrypted, List<String> failures) {

        public boolean complete() {
            return failures.isEmpty();
        }
    }

    private final TokenCipher cipher;
    private final EntityManager em;

    public KeyRotation(TokenCipher cipher, EntityManager em) {
        this.cipher = cipher;
        this.em = em;
    }

    public Result reencryptAll() {
        List<String> failures = new ArrayList<>();
        int userTokens = pass(
                "select id, access_token, refresh_token from user_token where id > ?1 order by id limit ?2",
                row -> cipher.needsReencryption((String) row[1]) || cipher.needsReencryption((String) row[2]),
                ids -> reencryptUserTokens(ids, failures));
        int applicationTokens = pass(
                "select id, application_token from portal where id > ?1 and application_token is not null order by id limit ?2",
                row -> cipher.needsReencryption((String) row[1]),
                ids -> reencryptApplicationTokens(ids, failures));
        return new Result(userTokens, applicationTokens, List.copyOf(failures));
    }

    /**
     * Walks a table by id without locking, and hands each batch of rows that need work to
     * {@code reencrypt}, which locks and re-checks them in its own short transaction.
     */
    private int pass(String scan, Predicate<Object[]> stale, Function<List<Long>, Integer> reencrypt) {
        int done = 0;
        long after = 0;
        while (true) {
            long from = after;
            List<Object[]> page = QuarkusTransaction.requiringNew().call(() -> rows(em.createNativeQuery(scan)
                    .setParameter(1, from)
                    .setParameter(2, BATCH_SIZE)));
            List<Long> ids = new ArrayList<>();
            for (Object[] row : page) {
                after = ((Number) row[0]).longValue();
                if (stale.test(row)) {
                    ids.add(after);
                }
            }
            if (!ids.isEmpty()) {
                done += QuarkusTransaction.requiringNew().timeout(120).call(() -> reencrypt.apply(ids));
            }
            if (page.size() < BATCH_SIZE) {
                return done;
            }
        }
    }

    private int reencryptUserTokens(List<Long> ids, List<String> failures) {
        // A refresh holds its row lock across the OAuth call; wait for it rather than race it.
        em.createNativeQuery("set local lock_timeout = '90s'").executeUpdate();
        List<Object[]> rows = rows(em.createNativeQuery("""
                        select id, portal_id, user_id, access_token, refresh_token from user_token
                        where id in (:ids) order by id for update""")
                .setParameter("ids", ids));
        int done = 0;
        for (Object[] row : rows) {
            long id = ((Number) row[0]).longValue();
            String access = (String) row[3];
            String refresh = (String) row[4];
            // Re-checked under the lock: a refresh may have written the row with the current key meanwhile.
            if (!cipher.needsReencryption(access) && !cipher.needsReencryption(refresh)) {
                continue;
            }
            String context = TokenStore.context(((Number) row[1]).longValue(), ((Number) row[2]).longValue());
            String newAccess;
            String newRefresh;
            try {
                newAccess = cipher.encrypt(cipher.decrypt(access, context), context);
                newRefresh = cipher.encrypt(cipher.decrypt(refresh, context), context);
            } catch (IllegalStateException e) {
                failures.add("user_token id=" + id + ": " + e.getMessage());
                LOG.errorf("user_token id=%d left unchanged: %s", id, e.getMessage());
                continue;
            }
            // The version bump makes any copy of the row loaded before this change stale, so it cannot be written back.
            em.createNativeQuery("""
                            update user_token set access_token = ?1, refresh_token = ?2,
                                version = version + 1, updated_at = now() where id = ?3""")
                    .setParameter(1, newAccess)
                    .setParameter(2, newRefresh)
                    .setParameter(3, id)
                    .executeUpdate();
            done++;
        }
        return done;
    }

    private int reencryptApplicationTokens(List<Long> ids, List<String> failures) {
        em.createNativeQuery("set local lock_timeout = '90s'").executeUpdate();
        List<Object[]> rows = rows(em.createNativeQuery("""
                        select id, member_id, application_token from portal
                        where id in (:ids) and application_token is not null order by id for update""")
                .setParameter("ids", ids));
        int done = 0;
        for (Object[] row : rows) {
            long id = ((Number) row[0]).longValue();
            String token = (String) row[2];
            if (!cipher.needsReencryption(token)) {
                continue;
            }
            String context = PortalRegistry.context(String.valueOf(row[1]));
            String reencrypted;
            try {
                reencrypted = cipher.encrypt(cipher.decrypt(token, context), context);
            } catch (IllegalStateException e) {
                failures.add("portal id=" + id + ": " + e.getMessage());
                LOG.errorf("portal id=%d application_token left unchanged: %s", id, e.getMessage());
                continue;
            }
            em.createNativeQuery("update portal set application_token = ?1, updated_at = now() where id = ?2")
                    .setParameter(1, reencrypted)
                    .setParameter(2, id)
                    .executeUpdate();
            done++;
        }
        return done;
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(Query query) {
        return query.getResultList();
    }
}
