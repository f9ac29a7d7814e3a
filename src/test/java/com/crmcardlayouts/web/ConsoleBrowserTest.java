package com.crmcardlayouts.web;

import com.crmcardlayouts.audit.AuditEntry;
import com.crmcardlayouts.audit.AuditJournal;
import com.crmcardlayouts.portal.PortalRegistry;
import com.crmcardlayouts.simulator.Simulator;
import com.crmcardlayouts.testing.Chromium;
import com.crmcardlayouts.testing.PortalPageHost;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URL;
import java.nio.file.Paths;

import static com.crmcardlayouts.simulator.SimUsers.ADMIN;
import static com.crmcardlayouts.simulator.SimUsers.PLAIN_USER;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** The admin console in a real browser, opened as Bitrix24 opens the app's page: a portal page POSTs a form into an iframe. */
@QuarkusTest
class ConsoleBrowserTest {

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @Inject
    Simulator simulator;
    @Inject
    PortalRegistry portals;
    @Inject
    AuditJournal journal;
    @TestHTTPResource("/")
    URL app;

    InstalledPortal portal;

    @BeforeEach
    void installWithMoreThanOnePageOfJournal() {
        portal = InstalledPortal.install(simulator, portals);
        for (int i = 0; i < AuditJournal.PAGE_SIZE + 1; i++) {
            journal.record(commonReset());
        }
    }

    private AuditEntry commonReset() {
        AuditEntry entry = new AuditEntry();
        entry.portalId = portal.portalId;
        entry.actorUserId = PLAIN_USER;
        entry.action = "RESET_COMMON";
        entry.entityTypeId = 3;
        entry.scope = "C";
        entry.outcome = AuditEntry.SUCCESS;
        return entry;
    }

    /** The console opened by the portal's application page for the admin. */
    private Page openConsole() {
        return PortalPageHost.open(chromium.browser(), app, "/bitrix24/app?LANG=en", portal.sim.frameForm(ADMIN, "DEFAULT", null), 1000, 1400);
    }

    @Test
    void an_admin_saves_settings_sees_them_saved_and_pages_the_journal() {
        Page page = openConsole();
        FrameLocator console = page.frameLocator("iframe[name=app]");
        console.getByRole(AriaRole.CHECKBOX, new FrameLocator.GetByRoleOptions().setName("Quote")).check();

        console.getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("Save settings")).click();

        assertThat(console.locator("#result.notice--success")).hasText("Settings saved; the tabs were updated in Bitrix24.");
        // The journal reloads after a save and shows the save on top.
        assertThat(console.locator("[data-testid=journal] tbody tr").first()).containsText("Changed the settings");
        assertThat(console.locator("#result.notice--success")).isVisible();
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/console-saved.png")));

        console.getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("Older")).click();

        assertThat(console.locator("[data-testid=journal]")).hasAttribute("data-page", "2");
        // Page 2: the oldest of the 21 seeded entries, the installation and the save push three there.
        assertThat(console.locator("[data-testid=journal] tbody tr")).hasCount(3);
        assertThat(console.locator("#journal-result")).isHidden();
        assertThat(console.locator("#result.notice--success")).isVisible();
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/console-journal-page-2.png")));

        console.getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("Newer")).click();
        assertThat(console.locator("[data-testid=journal]")).hasAttribute("data-page", "1");
        page.context().close();
    }
}
