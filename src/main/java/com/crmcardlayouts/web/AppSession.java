package com.crmcardlayouts.web;

import com.crmcardlayouts.pageapi.Caller;

import java.time.Instant;

/**
 * The page API's only credential: who opened which page, signed by the app so that any instance
 * can check it without shared state.
 *
 * @param portalId           the app's portal id, e.g. {@code 3}
 * @param memberId           Bitrix24's portal id, e.g. {@code a223c6b3710f85df22e9377d6c4f7553}
 * @param userId             the Bitrix24 user, e.g. {@code 7}
 * @param portalAdmin        a portal administrator
 * @param crmSettingsManager holds the CRM right "Allow to change settings"
 * @param lang               the user's interface language, e.g. {@code ru}
 * @param expiresAt          at most 60 minutes after the page was opened
 */
public record AppSession(long portalId, String memberId, long userId, boolean portalAdmin, boolean crmSettingsManager,
                         String lang, Instant expiresAt) {

    public Caller caller() {
        return new Caller(portalId, userId, portalAdmin, crmSettingsManager);
    }
}
