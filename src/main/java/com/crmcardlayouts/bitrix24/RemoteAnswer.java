package com.crmcardlayouts.bitrix24;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Set;

/** One HTTP answer from Bitrix24, read as JSON; errors are recognised by their {@code error} key, whatever the status. */
record RemoteAnswer(int status, JsonNode body) {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> APP_NOT_INSTALLED = Set.of("NOT_INSTALLED", "APPLICATION_NOT_FOUND", "PORTAL_DELETED", "ERROR_OAUTH");

    static RemoteAnswer parse(int status, String text) {
        try {
            JsonNode body = text == null || text.isBlank() ? null : JSON.readTree(text);
            return new RemoteAnswer(status, body);
        } catch (Exception e) {
            return new RemoteAnswer(status, null);
        }
    }

    boolean isError() {
        return body == null || !body.isObject() || body.has("error") || status >= 300;
    }

    /** Bitrix24's error code; empty for card-configuration errors, {@code HTTP_<status>} when the body is not Bitrix24's. */
    String errorCode() {
        if (body != null && body.has("error")) {
            return body.path("error").asText("");
        }
        return "HTTP_" + status;
    }

    String errorDescription() {
        return body == null ? "" : body.path("error_description").asText("");
    }

    /** The portal no longer has the app (or no longer exists), whichever Bitrix24 server says so. */
    boolean isAppNotInstalled() {
        return APP_NOT_INSTALLED.contains(errorCode());
    }

    boolean isServerFailure() {
        return status >= 500 && !"QUERY_LIMIT_EXCEEDED".equals(errorCode()) && !"OVERLOAD_LIMIT".equals(errorCode())
                || body == null;
    }
}
