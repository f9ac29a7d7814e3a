package com.crmcardlayouts.requests;

/**
 * The page API's error codes (CONTRACT §5), each with the HTTP status it is answered with; the
 * last five name what the HTTP layer itself refuses or what failed unexpectedly.
 */
public enum ErrorCode {
    INVALID_INPUT(400),
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    PAYLOAD_TOO_LARGE(413),
    NOT_INSTALLED(409),
    NEEDS_REAUTH(409),
    SAVE_IN_PROGRESS(409),
    BITRIX24_ERROR(502),
    RATE_LIMITED(503),
    /** The app's database cannot be reached for a moment (restart, failover); answered with {@code Retry-After}. */
    UNAVAILABLE(503),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    NOT_ACCEPTABLE(406),
    UNSUPPORTED_MEDIA_TYPE(415),
    INTERNAL_ERROR(500);

    public final int status;

    ErrorCode(int status) {
        this.status = status;
    }
}
