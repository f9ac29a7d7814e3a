package com.crmcardlayouts.bitrix24;

import java.util.Set;

/** Turns Bitrix24's error answers into the typed {@link Bitrix24Exception}s, by the {@code error} code, not the HTTP status. */
final class Bitrix24Errors {

    private static final Set<String> ACCESS_DENIED = Set.of("ACCESS_DENIED", "insufficient_scope", "user_access_error",
            "WRONG_AUTH_TYPE", "METHOD_CONFIRM_DENIED", "WRONG_LICENSE");
    private static final Set<String> TOKEN_DEAD = Set.of("invalid_token", "authorization_error", "NO_AUTH_FOUND",
            "invalid_grant", "expired_token");

    private Bitrix24Errors() {
    }

    static Bitrix24Exception of(RemoteAnswer answer) {
        String code = answer.errorCode();
        String description = answer.errorDescription();
        if (ACCESS_DENIED.contains(code) || (code.isEmpty() && description.startsWith("Access denied"))) {
            return new Bitrix24Exception.AccessDenied(code, description);
        }
        if ("ERROR_METHOD_NOT_FOUND".equals(code)) {
            return new Bitrix24Exception.MethodNotFound(code, description);
        }
        if ("OPERATION_TIME_LIMIT".equals(code) || "OVERLOAD_LIMIT".equals(code)) {
            return new Bitrix24Exception.RateLimited(code, description);
        }
        if (TOKEN_DEAD.contains(code)) {
            return new Bitrix24Exception.TokenRevoked(code, description);
        }
        if (answer.isAppNotInstalled()) {
            return new Bitrix24Exception.AppNotInstalled(code, description);
        }
        if (answer.isServerFailure()) {
            return new Bitrix24Exception.Unavailable(code, answer.body() == null
                    ? "Bitrix24 could not be reached or gave an unreadable answer" : description);
        }
        return new Bitrix24Exception(code, description);
    }

    /** The {@code outcome} label of the call metrics: a handful of values. */
    static String outcome(Bitrix24Exception e) {
        if (e instanceof Bitrix24Exception.AccessDenied) {
            return "access_denied";
        } else if (e instanceof Bitrix24Exception.MethodNotFound) {
            return "method_not_found";
        } else if (e instanceof Bitrix24Exception.TokenRevoked) {
            return "token_revoked";
        } else if (e instanceof Bitrix24Exception.RateLimited) {
            return "rate_limited";
        } else if (e instanceof Bitrix24Exception.Unavailable) {
            return "unavailable";
        } else if (e instanceof Bitrix24Exception.AppNotInstalled) {
            return "not_installed";
        }
        return "error";
    }
}
