package com.crmcardlayouts.cardlayouts;

/**
 * A validated page-API request.
 *
 * @param targetUserId whose personal layout ({@link LayoutAction#RESET_PERSONAL} only); {@code null} means the caller
 */
public record LayoutRequest(LayoutAction action, LayoutTarget target, Long targetUserId) {

    /** The same request with the caller named as the target of a personal reset. */
    public LayoutRequest forCaller(long callerId) {
        return action == LayoutAction.RESET_PERSONAL && targetUserId == null
                ? new LayoutRequest(action, target, callerId) : this;
    }
}
