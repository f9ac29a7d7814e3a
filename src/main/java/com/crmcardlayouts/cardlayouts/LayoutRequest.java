package com.crmcardlayouts.cardlayouts;

import com.crmcardlayouts.bitrix24.LayoutTarget;

/**
 * A validated page-API request.
 *
 * @param targetUserId whose personal layout ({@link LayoutAction#RESET_PERSONAL} only); {@code null} means the caller
 */
public record LayoutRequest(LayoutAction action, LayoutTarget target, Long targetUserId) {

    /** A reset of the caller's own personal layout: the one action that needs no CRM settings right. */
    public boolean isOwnReset(long callerId) {
        return action == LayoutAction.RESET_PERSONAL && targetUserId != null && targetUserId == callerId;
    }

    /** The same request with the caller named as the target of a personal reset. */
    public LayoutRequest forCaller(long callerId) {
        return action == LayoutAction.RESET_PERSONAL && targetUserId == null
                ? new LayoutRequest(action, target, callerId) : this;
    }
}
