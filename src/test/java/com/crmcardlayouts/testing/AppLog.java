package com.crmcardlayouts.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The app's own log file in the test profile ({@code quarkus.log.file.path}), read from a remembered point on. */
public final class AppLog {

    private static final Path FILE = Path.of("target/test-app.log");

    private AppLog() {
    }

    /** Where the log ends now: what a test writes afterwards starts here. */
    public static long end() throws IOException {
        return Files.size(FILE);
    }

    /** The lines written since {@code from} (an {@link #end()} taken earlier). */
    public static List<String> linesSince(long from) throws IOException {
        byte[] all = Files.readAllBytes(FILE);
        return new String(all, (int) from, all.length - (int) from, StandardCharsets.UTF_8).lines().toList();
    }
}
