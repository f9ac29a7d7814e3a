package com.crmcardlayouts.simulator;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random identifiers in the shapes Bitrix24 uses. */
public final class Randoms {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Randoms() {
    }

    /** Lower-case hex of the given length, e.g. a 32-character member_id or a 70-character token. */
    public static String hex(int length) {
        byte[] bytes = new byte[(length + 1) / 2];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).substring(0, length);
    }
}
