package com.crmcardlayouts.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Debian's Chromium driven by Playwright, for the real-browser tests. Without /usr/bin/chromium
 * those tests are skipped, and say so loudly.
 */
public final class Chromium implements AutoCloseable {

    private static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
    private static final String SKIPPED = "SKIPPED: real-browser tests need /usr/bin/chromium (apt-get install -y chromium)";

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** Starts the browser, or skips the calling test class when there is none. */
    public static Chromium startOrSkip() {
        if (!Files.isExecutable(EXECUTABLE)) {
            System.err.println(SKIPPED);
        }
        Assumptions.assumeTrue(Files.isExecutable(EXECUTABLE), SKIPPED);
        Playwright playwright = Playwright.create();
        // The machine's network is closed: no background fetches, no first-run or component updates.
        Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(EXECUTABLE)
                .setArgs(List.of("--no-sandbox", "--headless=new", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
        return new Chromium(playwright, browser);
    }

    public Browser browser() {
        return browser;
    }

    @Override
    public void close() {
        playwright.close();
    }
}
