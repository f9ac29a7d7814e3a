package com.crmcardlayouts.lifecycle;

import java.util.regex.Pattern;

/** Request values that may appear in log lines; anything else could forge lines (CR/LF) or hide in them. */
final class LogSafe {

    private static final Pattern MEMBER_ID = Pattern.compile("[0-9A-Za-z_.-]{1,64}");

    private LogSafe() {
    }

    static String memberId(String value) {
        return value != null && MEMBER_ID.matcher(value).matches() ? value : "<not a member id>";
    }
}
