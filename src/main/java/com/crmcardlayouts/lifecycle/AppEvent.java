package com.crmcardlayouts.lifecycle;

import com.crmcardlayouts.portal.TokenPair;
import jakarta.ws.rs.core.MultivaluedMap;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * An application event as Bitrix24 posts it: a form with PHP bracket keys such as
 * {@code auth[application_token]}. {@code toString} leaves every token out.
 */
public record AppEvent(String name, MultivaluedMap<String, String> form) {

    public static AppEvent of(MultivaluedMap<String, String> form) {
        String event = form.getFirst("event");
        return new AppEvent(event == null ? "" : event.trim().toUpperCase(Locale.ROOT), form);
    }

    public String auth(String key) {
        String value = form.getFirst("auth[" + key + "]");
        return value == null ? "" : value.trim();
    }

    public String data(String key) {
        String value = form.getFirst("data[" + key + "]");
        return value == null ? "" : value.trim();
    }

    public String memberId() {
        return auth("member_id");
    }

    public String applicationToken() {
        return auth("application_token");
    }

    public Optional<Integer> version() {
        try {
            return Optional.of(Integer.parseInt(data("VERSION")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The installing user's pair, when the event carries a refresh token (ONAPPINSTALL, ONAPPUPDATE). */
    public Optional<TokenPair> tokens() {
        String access = auth("access_token");
        String refresh = auth("refresh_token");
        if (access.isEmpty() || refresh.isEmpty()) {
            return Optional.empty();
        }
        Instant expires;
        try {
            expires = Instant.ofEpochSecond(Long.parseLong(auth("expires")));
        } catch (NumberFormatException e) {
            long lifetime;
            try {
                lifetime = Long.parseLong(auth("expires_in"));
            } catch (NumberFormatException ignored) {
                lifetime = 3600;
            }
            expires = Instant.now().plusSeconds(lifetime);
        }
        return Optional.of(new TokenPair(access, refresh, expires));
    }

    @Override
    public String toString() {
        return "AppEvent[" + name + ", member_id=" + memberId() + "]";
    }
}
