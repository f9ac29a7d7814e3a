package com.crmcardlayouts.bitrix24;

import java.time.Duration;

/**
 * The moment by which one request must be done with Bitrix24, e.g. 20 s after a page-API request
 * arrived. A request makes one and hands the same one to each of its calls: waiting for a slot,
 * back-off pauses, retries and every HTTP exchange all spend it, so a request that has spent it
 * makes no further call. It also caps a single exchange ({@link #callsOfAtMost}), so that a few calls
 * that must be quick (binding tabs, questions asked while Bitrix24 waits) fail early. Work nobody
 * waits for ({@link #inBackground}) is slowed down before a method's time limit on the portal is spent.
 * Immutable; read from the monotonic clock.
 */
public final class Deadline {

    private final long endNanos;
    private final Duration perCall;
    private final boolean background;

    private Deadline(long endNanos, Duration perCall, boolean background) {
        this.endNanos = endNanos;
        this.perCall = perCall;
        this.background = background;
    }

    /** Ends {@code budget} from now; one exchange may use all of it. */
    public static Deadline in(Duration budget) {
        return new Deadline(System.nanoTime() + budget.toNanos(), budget, false);
    }

    /** The same end, but no single exchange may take longer than {@code limit}. */
    public Deadline callsOfAtMost(Duration limit) {
        return new Deadline(endNanos, limit.compareTo(perCall) < 0 ? limit : perCall, background);
    }

    /** The same deadline for bulk work that no person is waiting for: its calls are paced before a method's time runs out. */
    public Deadline inBackground() {
        return new Deadline(endNanos, perCall, true);
    }

    public boolean isBackground() {
        return background;
    }

    /** Time left, never negative. */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }

    public boolean hasPassed() {
        return remaining().isZero();
    }

    /** Whether {@code pause} ends before the deadline does. */
    public boolean allows(Duration pause) {
        return pause.compareTo(remaining()) < 0;
    }

    /** How long the next exchange may take: its own limit or the time left, whichever is shorter. */
    Duration nextCall() {
        Duration left = remaining();
        return perCall.compareTo(left) < 0 ? perCall : left;
    }

    @Override
    public String toString() {
        return "Deadline[in " + remaining().toMillis() + " ms, calls of at most " + perCall.toMillis() + " ms"
                + (background ? ", background" : "") + "]";
    }
}
