package com.crmcardlayouts.portal;

/**
 * The OAuth server's answer to a refresh: the new pair and whose it says the pair is. The identity
 * must match the row the pair is stored in; {@code memberId} is empty and {@code userId} is -1 when
 * the answer did not name them.
 */
public record RefreshAnswer(TokenPair pair, String memberId, long userId) {

    boolean belongsTo(String expectedMemberId, long expectedUserId) {
        return !memberId.isEmpty() && memberId.equals(expectedMemberId) && userId == expectedUserId;
    }
}
