package com.crmcardlayouts.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Debian's Chromium driven by Playwright, for the real-browser tests: a JUnit 5 extension that
 * starts the browser before the test class and closes it after.
 * <pre>{@code
 * @RegisterExtension
 * static final Chromium chromium = new Chromium();
 * ...
 * Page page = chromium.browser().newPage();
 * }</pre>
 * Without /usr/bin/chromium the test class is skipped, and says so loudly.
 */
public final class Chromium implements BeforeAllCallback, AfterAllCallback {

    private static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
    private static final String SKIPPED = "SKIPPED: real-browser tests need /usr/bin/chromium (apt-get install -y chromium)";

    private Playwright playwright;
    private Browser browser;

    /** Starts the browser, or skips the test class when there is none. */
    @Override
    public void beforeAll(ExtensionContext context) {
        if (!Files.isExecutable(EXECUTABLE)) {
            System.err.println(SKIPPED + ": " + context.getDisplayName());
        }
        Assumptions.assumeTrue(Files.isExecutable(EXECUTABLE), SKIPPED);
        // An install runs through several frames and a server round trip; 5 s is tight on a loaded 2-core machine.
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
        playwright = Playwright.create();
        try {
            // The machine's network is closed: no background fetches, no first-run or component updates.
            browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(EXECUTABLE)
                    .setArgs(List.of("--no-sandbox", "--headless=new", "--disable-gpu", "--disable-background-networking",
                            "--disable-component-update", "--disable-sync", "--no-first-run")));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** The running browser; only between the test class's start and end. */
    public Browser browser() {
        if (browser == null) {
            throw new IllegalStateException("Chromium is not running: register it with @RegisterExtension on a static field");
        }
        return browser;
    }

    private void close() {
        if (playwright != null) {
            playwright.close();
        }
        playwright = null;
        browser = null;
    }
}
