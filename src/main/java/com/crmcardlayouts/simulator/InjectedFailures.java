package com.crmcardlayouts.simulator;

import java.util.Optional;

/**
 * An error the next requests of one endpoint answer with, before anything else is checked:
 * {@link #failNext(int, int, String)} arms it for {@code n} requests, each {@link #take()} uses one up.
 * Thread-safe.
 */
public final class InjectedFailures {

    /** The answer of a failed request: the HTTP status and the {@code error} code. */
    public record Failure(int httpStatus, String error) {
    }

    // Both guarded by "this"; failure is null exactly when remaining is 0.
    private int remaining;
    private Failure failure;

    /** The next {@code n} requests answer {@code httpStatus} with that error; {@code n <= 0} disarms. */
    public synchronized void failNext(int n, int httpStatus, String error) {
        remaining = Math.max(n, 0);
        failure = remaining > 0 ? new Failure(httpStatus, error) : null;
    }

    /** Consumes one injected failure, if any is left. */
    public synchronized Optional<Failure> take() {
        if (remaining == 0) {
            return Optional.empty();
        }
        Failure taken = failure;
        if (--remaining == 0) {
            failure = null;
        }
        return Optional.of(taken);
    }

    /** Disarms: no request fails any more. */
    public void clear() {
        failNext(0, 0, null);
    }
}
