package com.crmcardlayouts.web;

import com.crmcardlayouts.requests.Caller;
import com.crmcardlayouts.portal.Portal;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppSessionsTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();
    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

    private static AppSessions at(Instant instant, byte[] key) {
        return new AppSessions(key, Clock.fixed(instant, ZoneOffset.UTC));
    }

    private static final Instant INSTALLED_AT = Instant.parse("2026-04-30T08:15:30.123Z");

    private static String issued() {
        Portal portal = new Portal();
        portal.memberId = "abc123";
        portal.installedAt = INSTALLED_AT;
        return at(NOW, KEY).issue(new Caller(3, 7, false, true), portal, "ru");
    }

    @Test
    void a_session_reads_back_what_was_signed() {
        AppSession session = at(NOW.plusSeconds(60), KEY).verify(issued()).orElseThrow();
        assertEquals(new AppSession(new Caller(3, 7, false, true), "abc123", INSTALLED_AT, "ru", NOW, NOW.plus(AppSessions.LIFETIME)),
                session);
    }

    @Test
    void a_session_lives_at_most_an_hour() {
        assertTrue(AppSessions.LIFETIME.compareTo(Duration.ofMinutes(60)) <= 0);
        assertTrue(at(NOW.plus(AppSessions.LIFETIME), KEY).verify(issued()).isEmpty());
    }

    @Test
    void an_altered_session_is_refused() {
        String token = issued();
        String body = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))));
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(body.replace("\"a\":false", "\"a\":true").getBytes())
                + token.substring(token.indexOf('.'));
        assertTrue(at(NOW, KEY).verify(forged).isEmpty());
    }

    @Test
    void a_signature_altered_only_in_its_unused_trailing_bits_is_refused() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        String token = issued();
        char last = token.charAt(token.length() - 1);
        // 32 signature bytes fill 43 characters; the last one's lowest two bits carry no data.
        char sameBytes = alphabet.charAt(alphabet.indexOf(last) ^ 1);
        String reencoded = token.substring(0, token.length() - 1) + sameBytes;
        assertTrue(at(NOW, KEY).verify(reencoded).isEmpty());
    }

    @Test
    void a_session_signed_with_another_key_is_refused() {
        assertTrue(at(NOW, "another-key-another-key-another!!".getBytes()).verify(issued()).isEmpty());
    }

    @Test
    void malformed_tokens_are_refused() {
        AppSessions sessions = at(NOW, KEY);
        for (String token : new String[]{null, "", ".", "abc", "a.b.c", "!!!.???", issued() + "x"}) {
            assertEquals(Optional.empty(), sessions.verify(token), String.valueOf(token));
        }
    }
}
