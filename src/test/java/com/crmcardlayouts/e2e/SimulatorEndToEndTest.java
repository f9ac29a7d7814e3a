package com.crmcardlayouts.e2e;

import com.crmcardlayouts.portal.PortalStatus;
import com.crmcardlayouts.simulator.SimPortal;
import com.crmcardlayouts.simulator.Simulator;
import com.crmcardlayouts.testing.Chromium;
import com.crmcardlayouts.testing.Db;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URL;
import java.nio.file.Path;

import static com.crmcardlayouts.simulator.SimUsers.ADMIN;
import static com.crmcardlayouts.simulator.SimUsers.PLAIN_USER;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole product in a real browser, clicked through the simulator's portal UI the way a
 * newcomer tries it: install the app, open a lead card as a plain user and reset their seeded
 * layout, then force the common layout as the administrator.
 */
@QuarkusTest
class SimulatorEndToEndTest {

    static final long COLLEAGUE = 4;
    static final String LEAD_LAYOUT = "lead_details";

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @Inject
    Simulator simulator;

    @TestHTTPResource("/")
    URL app;

    @Test
    void install_reset_a_seeded_personal_layout_then_force_the_common_layout() {
        simulator.reset();
        SimPortal portal = simulator.portal();
        Page page = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 1000)).newPage();

        // 1. The admin installs the app from the portal: installer frame, installFinish, ONAPPINSTALL.
        page.navigate(url("/simulator?as=" + ADMIN));
        screenshot(page, "e2e-1-portal-home");
        page.locator("#install-app").click();
        FrameLocator appFrame = page.frameLocator("#app-frame");
        assertThat(appFrame.locator("[data-testid=portal-status]")).isVisible();
        screenshot(page, "e2e-2-installed-console");
        assertTrue(portal.appInstalled());
        assertEquals(PortalStatus.ACTIVE, Db.portal(portal.memberId()).status());

        // 2. Paula (a plain user) has her own arrangement of lead cards, and so has a colleague.
        portal.seedPersonalLayout(LEAD_LAYOUT, PLAIN_USER);
        portal.seedPersonalLayout(LEAD_LAYOUT, COLLEAGUE);
        page.navigate(url("/simulator/crm/lead/1?as=" + PLAIN_USER));
        assertThat(page.locator("#layout-source")).containsText("personal");
        page.locator("#card-tab-app").click();
        FrameLocator tab = page.frameLocator("#card-tab-frame");
        tab.getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("Reset my layout")).click();
        assertThat(tab.locator("dialog#confirm")).isVisible();
        screenshot(page, "e2e-3-confirm-reset");
        tab.getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("Yes, do it")).click();
        assertThat(tab.locator("#result.notice--success")).isVisible();
        screenshot(page, "e2e-4-reset-done");

        // Exactly Paula's layout is gone.
        assertFalse(portal.editorOption(LEAD_LAYOUT, PLAIN_USER, false).isPresent());
        assertTrue(portal.editorOption(LEAD_LAYOUT, COLLEAGUE, false).isPresent());
        page.reload();
        assertThat(page.locator("#layout-source")).not().containsText("personal");

        // 3. The admin makes everyone use the common layout.
        page.navigate(url("/simulator/crm/lead/1?as=" + ADMIN));
        page.locator("#card-tab-app").click();
        tab = page.frameLocator("#card-tab-frame");
        tab.getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("Make everyone use the common layout")).click();
        tab.getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("Yes, do it")).click();
        assertThat(tab.locator("#result.notice--success")).isVisible();
        screenshot(page, "e2e-5-forced-common");
        assertFalse(portal.editorOption(LEAD_LAYOUT, COLLEAGUE, false).isPresent());
        page.navigate(url("/simulator/crm/lead/1?as=" + COLLEAGUE));
        assertThat(page.locator("#layout-source")).not().containsText("personal");
        page.context().close();
    }

    private String url(String path) {
        return app.toString().replaceAll("/$", "") + path;
    }

    private static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/" + name + ".png")).setFullPage(true));
    }
}
