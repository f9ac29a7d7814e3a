package com.crmcardlayouts.frame;

import com.crmcardlayouts.bitrix24.AppInfo;
import com.crmcardlayouts.portal.Portal;

import java.util.Optional;

/**
 * An iframe request whose token the OAuth server vouched for.
 *
 * @param info   the OAuth server's answer: portal, endpoint and user
 * @param portal the stored portal, if the app knows it
 */
public record VerifiedFrame(FrameRequest request, AppInfo info, Optional<Portal> portal) {

    public long userId() {
        return info.userId();
    }
}
