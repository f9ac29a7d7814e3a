package com.crmcardlayouts.bitrix24;

import com.crmcardlayouts.portal.PortalRegistry;

/**
 * What the OAuth server says about a token: the only source the app believes about who and where a
 * request comes from.
 *
 * @param clientId       the application the token was issued to, e.g. {@code app.66e9b2c1a3f0d1.12345678}
 * @param userId         the Bitrix24 user the token belongs to, e.g. {@code 7}
 * @param memberId       the portal, e.g. {@code a223c6b3710f85df22e9377d6c4f7553}
 * @param domain         the portal host, e.g. {@code example.bitrix24.com}
 * @param clientEndpoint the portal's REST base URL, e.g. {@code https://example.bitrix24.com/rest/}
 * @param scope          e.g. {@code crm,placement,user_brief}
 * @param appVersion     the installed version of the app, or {@code null}
 */
public record AppInfo(String clientId, long userId, String memberId, String domain, String clientEndpoint,
                      String scope, Integer appVersion) {

    /** What the OAuth server vouched for about the portal, for the portal registry. */
    public PortalRegistry.VerifiedPortal facts() {
        return new PortalRegistry.VerifiedPortal(memberId, domain, clientEndpoint, scope, appVersion);
    }
}
