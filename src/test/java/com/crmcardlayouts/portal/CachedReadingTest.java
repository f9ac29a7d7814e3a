package com.crmcardlayouts.portal;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CachedReadingTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final AtomicInteger reads = new AtomicInteger();
    private volatile boolean failing;

    private final CachedReading<Integer> reading = new CachedReading<>(() -> {
        if (failing) {
            throw new IllegalStateException("database unreachable");
        }
        return reads.incrementAndGet();
    }, Duration.ofSeconds(30), now::get);

    @Test
    void reads_once_within_the_maximum_age_and_again_after_it() {
        assertEquals(1, reading.get());
        now.addAndGet(Duration.ofSeconds(29).toNanos());
        assertEquals(1, reading.get());
        assertEquals(1, reads.get());
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertEquals(2, reading.get());
        assertEquals(2, reads.get());
    }

    @Test
    void a_failed_reading_keeps_the_last_value_and_waits_a_full_age_before_trying_again() {
        assertEquals(1, reading.get());
        failing = true;
        now.addAndGet(Duration.ofSeconds(30).toNanos());
        assertEquals(1, reading.get());
        failing = false;
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertEquals(1, reading.get(), "no new try before the age has passed again");
        now.addAndGet(Duration.ofSeconds(20).toNanos());
        assertEquals(2, reading.get());
    }

    @Test
    void a_first_reading_that_fails_is_reported() {
        failing = true;
        assertThrows(IllegalStateException.class, reading::get);
    }
}
