package com.crmcardlayouts.simulator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The form bodies a portal POSTs to the app's lifecycle event handlers, field for field as Bitrix24
 * sends them: {@code event}, {@code event_handler_id}, {@code data[...]}, {@code ts}, then {@code auth[...]}.
 * ONAPPINSTALL and ONAPPUPDATE carry the full auth of a user with freshly issued tokens;
 * ONAPPUNINSTALL carries no tokens, only the portal's address and the application token it had.
 */
final class EventForms {

    private final SimPortal portal;

    EventForms(SimPortal portal) {
        this.portal = portal;
    }

    /** ONAPPINSTALL: {@code data[VERSION]}, {@code data[ACTIVE]}, {@code data[INSTALLED]}, with fresh tokens of the user. */
    Map<String, String> install(long userId, long handlerId) {
        Map<String, String> data = new LinkedHashMap<>();
        synchronized (portal) {
            data.put("VERSION", String.valueOf(portal.appVersion()));
            data.put("ACTIVE", "Y");
            data.put("INSTALLED", portal.appInstalled() ? "Y" : "N");
        }
        data.put("LANGUAGE_ID", SimPortal.LANGUAGE);
        return withFullAuth(form("ONAPPINSTALL", handlerId, data), userId);
    }

    /** ONAPPUPDATE for the current version ({@code data[PREVIOUS_VERSION]} = version - 1), with fresh tokens of the user. */
    Map<String, String> update(long userId, long handlerId) {
        int version = portal.appVersion();
        Map<String, String> data = new LinkedHashMap<>();
        data.put("VERSION", String.valueOf(version));
        data.put("PREVIOUS_VERSION", String.valueOf(version - 1));
        data.put("LANGUAGE_ID", SimPortal.LANGUAGE);
        return withFullAuth(form("ONAPPUPDATE", handlerId, data), userId);
    }

    /** ONAPPUNINSTALL signed with the given application token; {@code data[CLEAN]} says whether the app's data goes too. */
    Map<String, String> uninstall(long handlerId, String applicationToken, boolean clean) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("LANGUAGE_ID", SimPortal.LANGUAGE);
        data.put("CLEAN", clean ? "1" : "0");
        Map<String, String> form = form("ONAPPUNINSTALL", handlerId, data);
        form.put("auth[domain]", portal.domain());
        form.put("auth[server_endpoint]", portal.serverEndpoint());
        form.put("auth[client_endpoint]", portal.clientEndpoint());
        form.put("auth[member_id]", portal.memberId());
        form.put("auth[application_token]", applicationToken);
        return form;
    }

    /** {@code event}, {@code event_handler_id}, the data as {@code data[KEY]} in their order, {@code ts}. */
    private static Map<String, String> form(String event, long handlerId, Map<String, String> data) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("event", event);
        form.put("event_handler_id", String.valueOf(handlerId));
        data.forEach((key, value) -> form.put("data[" + key + "]", value));
        form.put("ts", String.valueOf(Instant.now().getEpochSecond()));
        return form;
    }

    /** Appends the auth block of a user event: new tokens for the user plus the portal's current application token. */
    private Map<String, String> withFullAuth(Map<String, String> form, long userId) {
        IssuedTokens tokens = portal.issueTokens(userId);
        form.put("auth[access_token]", tokens.accessToken());
        form.put("auth[expires]", String.valueOf(tokens.expiresAt().getEpochSecond()));
        form.put("auth[expires_in]", String.valueOf(tokens.expiresInSeconds()));
        form.put("auth[scope]", tokens.scope());
        form.put("auth[domain]", portal.domain());
        form.put("auth[server_endpoint]", portal.serverEndpoint());
        form.put("auth[status]", SimPortal.APP_STATUS);
        form.put("auth[client_endpoint]", portal.clientEndpoint());
        form.put("auth[member_id]", portal.memberId());
        form.put("auth[user_id]", String.valueOf(userId));
        form.put("auth[refresh_token]", tokens.refreshToken());
        form.put("auth[application_token]", portal.applicationToken());
        return form;
    }
}
