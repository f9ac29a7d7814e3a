package com.crmcardlayouts.bitrix24;

import java.time.Duration;

/** Waiting on the caller's thread, for a budget slot or a back-off; an interrupt ends the call. */
final class Pause {

    private Pause() {
    }

    static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis(), pause.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Bitrix24Exception.Unavailable("INTERRUPTED", "The call to Bitrix24 was interrupted");
        }
    }
}
