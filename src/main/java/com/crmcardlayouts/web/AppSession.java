package com.crmcardlayouts.web;

import com.crmcardlayouts.pageapi.Caller;

import java.time.Instant;

/**
 * The page API's only credential: who opened which page, signed by the app so that any instance
 * can check it without shared state.
 *
 * @param caller    the user, their portal and the rights the app established for them
 * @param memberId  Bitrix24's portal id, e.g. {@code a223c6b3710f85df22e9377d6c4f7553}
 * @param lang      the user's interface language, e.g. {@code ru}
 * @param expiresAt at most 60 minutes after the page was opened
 */
public record AppSession(Caller caller, String memberId, String lang, Instant expiresAt) {
}
