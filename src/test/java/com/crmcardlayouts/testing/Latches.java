package com.crmcardlayouts.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Waiting on a latch from inside work a test runs on another thread. */
public final class Latches {

    private Latches() {
    }

    /** Waits for the latch to open; an AssertionError after 30 s, so a stuck test fails instead of hanging. */
    public static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("The latch did not open within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
