package com.crmcardlayouts.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for work the app finishes after it answered (e.g. an event decided after its 202). */
public final class Awaits {

    private Awaits() {
    }

    /** Polls until the condition holds; an AssertionError naming what was awaited once {@code limit} passed. */
    public static void until(BooleanSupplier condition, Duration limit, String what) {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Not within " + limit.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
