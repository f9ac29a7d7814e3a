package com.crmcardlayouts.bitrix24;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Bitrix24 answered with an error. {@link #code()} is Bitrix24's {@code error} (may be empty:
 * card-configuration errors carry only a description), {@link #description()} its text.
 * Subclasses name the outcomes callers act on; anything else is this class itself.
 */
public class Bitrix24Exception extends RuntimeException {

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]");

    private final String code;
    private final String description;

    public Bitrix24Exception(String code, String description) {
        super(describe(printable(code), printable(description)));
        this.code = printable(code);
        this.description = printable(description);
    }

    public String code() {
        return code;
    }

    public String description() {
        return description;
    }

    /** Whether the same request may well succeed a little later (rate limits, outages). */
    public boolean isTransient() {
        return false;
    }

    private static String describe(String code, String description) {
        return (code.isEmpty() ? "(no code)" : code) + ": " + description;
    }

    /**
     * The portal's or OAuth server's own words without control, format and line-separator characters:
     * they end up in log lines, the journal and pages, where a CR/LF could forge a line.
     */
    private static String printable(String text) {
        return text == null ? "" : CONTROL.matcher(text).replaceAll(" ");
    }

    /** The acting user may not do this (Bitrix24's {@code Access denied.}, {@code ACCESS_DENIED}, missing scope). */
    public static class AccessDenied extends Bitrix24Exception {
        public AccessDenied(String code, String description) {
            super(code, description);
        }
    }

    /** The portal does not know the method ({@code ERROR_METHOD_NOT_FOUND}): an older portal. */
    public static class MethodNotFound extends Bitrix24Exception {
        public MethodNotFound(String code, String description) {
            super(code, description);
        }
    }

    /** The token presented for verification is unknown, expired or otherwise not valid. */
    public static class InvalidToken extends Bitrix24Exception {
        public InvalidToken(String code, String description) {
            super(code, description);
        }
    }

    /** The user's refresh chain is dead ({@code invalid_grant}) or was never stored: they must open the app again. */
    public static class TokenRevoked extends Bitrix24Exception {
        public TokenRevoked(String code, String description) {
            super(code, description);
        }
    }

    /** The app is no longer installed on the portal. */
    public static class AppNotInstalled extends Bitrix24Exception {
        public AppNotInstalled(String code, String description) {
            super(code, description);
        }
    }

    /**
     * Bitrix24 kept rate-limiting ({@code QUERY_LIMIT_EXCEEDED} past the budget, {@code OPERATION_TIME_LIMIT}),
     * or the portal's request budget has no slot before the deadline. Says when trying
     * again makes sense ({@link #retryAfterSeconds()}), where the app knows it.
     */
    public static class RateLimited extends Bitrix24Exception {
        private final Duration retryAfter;

        public RateLimited(String code, String description) {
            this(code, description, null);
        }

        public RateLimited(String code, String description, Duration retryAfter) {
            super(code, description);
            this.retryAfter = retryAfter;
        }

        /** Whole seconds, at least one: the form of HTTP's {@code Retry-After}. */
        public Optional<Long> retryAfterSeconds() {
            return Optional.ofNullable(retryAfter).map(after -> Math.max(1, (after.toMillis() + 999) / 1000));
        }

        @Override
        public boolean isTransient() {
            return true;
        }
    }

    /** Bitrix24 could not be reached or failed (5xx, timeout, unreadable answer) after the retries. */
    public static class Unavailable extends Bitrix24Exception {
        public Unavailable(String code, String description) {
            super(code, description);
        }

        @Override
        public boolean isTransient() {
            return true;
        }
    }
}
