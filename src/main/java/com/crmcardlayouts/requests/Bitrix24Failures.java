package com.crmcardlayouts.requests;

import com.crmcardlayouts.bitrix24.Bitrix24Exception;

/** Names what a Bitrix24 failure means for the person who asked. */
public final class Bitrix24Failures {

    private Bitrix24Failures() {
    }

    /** The refusal named for {@code failure}, with the {@code Retry-After} a rate limit carries. */
    public static Refused refused(Bitrix24Exception failure, boolean needsSettingsRight) {
        return refused(refusal(failure, needsSettingsRight), failure);
    }

    /** {@code refusal} for {@code failure}, with the {@code Retry-After} a rate limit carries. */
    public static Refused refused(Refusal refusal, Bitrix24Exception failure) {
        Long retryAfter = failure instanceof Bitrix24Exception.RateLimited limited ? limited.retryAfterSeconds().orElse(null) : null;
        return new Refused(refusal, null, retryAfter);
    }

    /**
     * @param needsSettingsRight whether the action needs the CRM right "Allow to change settings"
     *                           (common layouts, other users' layouts); otherwise only CRM access is missing
     */
    public static Refusal refusal(Bitrix24Exception failure, boolean needsSettingsRight) {
        if (failure instanceof Bitrix24Exception.AccessDenied) {
            return needsSettingsRight ? Refusal.DENIED_NEEDS_CRM_SETTINGS_RIGHT : Refusal.DENIED_NEEDS_CRM_ACCESS;
        }
        if (failure instanceof Bitrix24Exception.TokenRevoked) {
            return Refusal.NEEDS_REAUTH;
        }
        if (failure instanceof Bitrix24Exception.AppNotInstalled) {
            return Refusal.NOT_INSTALLED;
        }
        if (failure instanceof Bitrix24Exception.RateLimited) {
            return Refusal.RATE_LIMITED;
        }
        if (failure instanceof Bitrix24Exception.MethodNotFound) {
            return Refusal.METHOD_UNSUPPORTED_BY_PORTAL;
        }
        return Refusal.BITRIX24_FAILED;
    }
}
