package com.crmcardlayouts.requests;

/**
 * The user acting through the app's pages, as vouched for by their app-session.
 *
 * @param portalAdmin        a Bitrix24 portal administrator
 * @param crmSettingsManager holds the CRM permission "Allow to change settings" (portal admins always do)
 */
public record Caller(long portalId, long userId, boolean portalAdmin, boolean crmSettingsManager) {

    /** May change common layouts and other users' layouts, as far as the app can tell. */
    public boolean managesLayouts() {
        return portalAdmin || crmSettingsManager;
    }
}
