package com.crmcardlayouts.cardlayouts;

import com.crmcardlayouts.bitrix24.ActingUser;
import com.crmcardlayouts.bitrix24.Bitrix24Client;
import com.crmcardlayouts.bitrix24.Bitrix24Exception;
import com.crmcardlayouts.bitrix24.Deadline;
import com.crmcardlayouts.bitrix24.Profile;
import jakarta.enterprise.context.ApplicationScoped;

/** Asks Bitrix24 again, with the user's own stored token, whether they are still a portal administrator. */
@ApplicationScoped
public class ViewerRights {

    private final Bitrix24Client client;

    public ViewerRights(Bitrix24Client client) {
        this.client = client;
    }

    /**
     * Whether Bitrix24 names the user a portal administrator ({@code profile.ADMIN}); one request.
     *
     * @throws Bitrix24Exception when Bitrix24 cannot answer
     */
    public boolean isPortalAdmin(long portalId, long userId, Deadline deadline) {
        return client.call(ActingUser.of(portalId, userId), Profile.current(), deadline).admin();
    }
}
