package com.crmcardlayouts.bitrix24;

/**
 * Which stored layout of a card form a layout operation addresses: the common one, or one user's personal one.
 *
 * @param userId whose personal layout, e.g. {@code 7}; {@code null} for the common layout
 */
public record LayoutCall(LayoutTarget target, Long userId) {

    public static LayoutCall personal(LayoutTarget target, long userId) {
        return new LayoutCall(target, userId);
    }

    public static LayoutCall common(LayoutTarget target) {
        return new LayoutCall(target, null);
    }

    public boolean isCommon() {
        return userId == null;
    }
}
