package com.crmcardlayouts.web;

import com.crmcardlayouts.requests.Caller;

import java.time.Instant;

/**
 * The page API's only credential: who opened which page of which installation, signed by the app
 * so that any instance can check it without shared state.
 *
 * @param caller      the user, their portal and the rights the app established for them
 * @param memberId    Bitrix24's portal id, e.g. {@code a223c6b3710f85df22e9377d6c4f7553}
 * @param installedAt when the installation began that the page was opened in (to the millisecond): after a
 *                    reinstall the portal's is later, and the session is void
 * @param lang        the user's interface language, e.g. {@code ru}
 * @param issuedAt    when the page was opened (to the second); the rights are as Bitrix24 named them then
 * @param expiresAt   at most 60 minutes after the page was opened
 */
public record AppSession(Caller caller, String memberId, Instant installedAt, String lang, Instant issuedAt, Instant expiresAt) {
}
