package com.crmcardlayouts.frame;

import java.util.regex.Pattern;

/** Request values that may appear in log lines; anything else could forge lines (CR/LF) or hide in them. */
public final class LogSafe {

    private static final Pattern MEMBER_ID = Pattern.compile("[0-9A-Za-z_.-]{1,64}");

    private LogSafe() {
    }

    public static String memberId(String value) {
        return value != null && MEMBER_ID.matcher(value).matches() ? value : "<not a member id>";
    }
}
