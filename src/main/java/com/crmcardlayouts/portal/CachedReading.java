package com.crmcardlayouts.portal;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A value read from somewhere costly (the database), read again only once it is older than
 * {@code maxAge}. When a reading fails, the last value stays (a scrape during a database outage
 * still answers) and the next try waits another {@code maxAge}.
 */
final class CachedReading<T> {

    private static final Logger LOG = Logger.getLogger(CachedReading.class);

    private final Supplier<T> source;
    private final long maxAgeNanos;
    private final LongSupplier nanoTime;
    private T value;
    private long readAt;
    private boolean read;

    CachedReading(Supplier<T> source, Duration maxAge, LongSupplier nanoTime) {
        this.source = source;
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoTime = nanoTime;
    }

    /** The cached value, read first when there is none yet or it has grown older than the maximum age. */
    synchronized T get() {
        long now = nanoTime.getAsLong();
        if (!read || now - readAt >= maxAgeNanos) {
            readAt = now;
            try {
                value = source.get();
                read = true;
            } catch (RuntimeException e) {
                if (!read) {
                    throw e;
                }
                LOG.debugf("Keeping the previous reading: %s", e.toString());
            }
        }
        return value;
    }
}
