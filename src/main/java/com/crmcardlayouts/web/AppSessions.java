package com.crmcardlayouts.web;

import com.crmcardlayouts.requests.Caller;
import com.crmcardlayouts.portal.Portal;
import com.crmcardlayouts.portal.TokenCipher;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Issues and checks app-sessions: {@code base64url(json) "." base64url(HMAC-SHA256)} under a key
 * derived from {@code APP_ENCRYPTION_KEY}, so they survive restarts and work on every instance
 * but nowhere else. Stateless: a session cannot be revoked, which is why it lives at most an hour, names
 * the installation it was issued in (see {@link SessionGuard}) and its time of issue.
 */
@ApplicationScoped
public class AppSessions {

    public static final Duration LIFETIME = Duration.ofMinutes(60);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Clock clock;

    @Inject
    public AppSessions(TokenCipher cipher) {
        this(cipher.deriveKey("app-session"), Clock.systemUTC());
    }

    AppSessions(byte[] key, Clock clock) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
        this.clock = clock;
    }

    /** A session for a verified viewer of the portal's current installation, valid for {@link #LIFETIME}. */
    public String issue(Caller caller, Portal portal, String lang) {
        Instant now = clock.instant();
        ObjectNode payload = JSON.createObjectNode()
                .put("p", caller.portalId())
                .put("m", portal.memberId)
                .put("i", portal.installedAt.toEpochMilli())
                .put("u", caller.userId())
                .put("a", caller.portalAdmin())
                .put("c", caller.crmSettingsManager())
                .put("l", lang)
                .put("t", now.getEpochSecond())
                .put("e", now.plus(LIFETIME).getEpochSecond());
        String body = ENCODER.encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
        return body + "." + ENCODER.encodeToString(sign(body));
    }

    /** The session a token stands for; empty when it is malformed, altered, signed by another key or expired. */
    public Optional<AppSession> verify(String token) {
        if (token == null || token.length() > 2048) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        String body = token.substring(0, dot);
        try {
            // Compared as text: only the one canonical encoding of the signature is accepted.
            byte[] expected = ENCODER.encodeToString(sign(body)).getBytes(StandardCharsets.US_ASCII);
            byte[] presented = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
            if (!MessageDigest.isEqual(expected, presented)) {
                return Optional.empty();
            }
            JsonNode payload = JSON.readTree(DECODER.decode(body));
            Instant expiresAt = Instant.ofEpochSecond(payload.path("e").asLong(0));
            if (!clock.instant().isBefore(expiresAt)) {
                return Optional.empty();
            }
            Caller caller = new Caller(payload.path("p").asLong(), payload.path("u").asLong(),
                    payload.path("a").asBoolean(), payload.path("c").asBoolean());
            return Optional.of(new AppSession(caller, payload.path("m").asText(), Instant.ofEpochMilli(payload.path("i").asLong()),
                    payload.path("l").asText("en"), Instant.ofEpochSecond(payload.path("t").asLong()), expiresAt));
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
    }

    private byte[] sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Signing the app-session failed", e);
        }
    }
}
