package com.crmcardlayouts.frame;

import com.crmcardlayouts.bitrix24.AppInfo;
import com.crmcardlayouts.bitrix24.Bitrix24Client;
import com.crmcardlayouts.bitrix24.Bitrix24Exception;
import com.crmcardlayouts.bitrix24.Profile;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether a verified token belongs to a portal administrator (asked of Bitrix24 with that
 * token). A valid token proves only that some user of the portal sent a request; installing, and
 * changing the application token that authenticates the portal's events, take an administrator.
 */
@ApplicationScoped
public class PortalAdminCheck {

    private final Bitrix24Client client;

    public PortalAdminCheck(Bitrix24Client client) {
        this.client = client;
    }

    /**
     * @throws Bitrix24Exception a {@linkplain Bitrix24Exception#isTransient() transient} one when Bitrix24 cannot say
     */
    public boolean isPortalAdmin(AppInfo verified, String accessToken) {
        try {
            return client.callVerified(verified, accessToken, Profile.current()).admin();
        } catch (Bitrix24Exception e) {
            if (e.isTransient()) {
                throw e;
            }
            return false;
        }
    }
}
