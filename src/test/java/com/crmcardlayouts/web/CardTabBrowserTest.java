package com.crmcardlayouts.web;

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

import static com.crmcardlayouts.simulator.SimUsers.PLAIN_USER;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The card tab in a real browser, opened as Bitrix24 opens it: a portal page POSTs a form into an iframe. */
@QuarkusTest
class CardTabBrowserTest {

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @Inject
    Simulator simulator;
    @Inject
    PortalRegistry portals;
    @TestHTTPResource("/")
    URL app;

    InstalledPortal portal;

    @BeforeEach
    void install() {
        portal = InstalledPortal.install(simulator, portals);
        portal.sim.seedPersonalLayout("contact_details", PLAIN_USER);
    }

    /** The contact card's tab opened by the portal for the plain user. */
    private Page openTab(String lang) {
        return PortalPageHost.open(chromium.browser(), app, "/bitrix24/placement?LANG=" + lang,
                portal.sim.frameForm(PLAIN_USER, "CRM_CONTACT_DETAIL_TAB", "{\"ID\":\"3\"}"), 1000, 1100);
    }

    private void resetsOwnLayoutThroughTheConfirmation(String lang, String resetButton, String confirmButton, String done) {
        Page page = openTab(lang);
        FrameLocator tab = page.frameLocator("iframe[name=app]");
        tab.getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName(resetButton)).click();
        assertThat(tab.locator("dialog#confirm")).isVisible();
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/card-tab-confirm-" + lang + ".png")));
        assertTrue(portal.sim.editorOption("contact_details", PLAIN_USER, false).isPresent(), "nothing happens before confirming");

        tab.getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName(confirmButton)).click();

        assertThat(tab.locator("#result.notice--success")).hasText(done);
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/card-tab-done-" + lang + ".png")));
        assertFalse(portal.sim.editorOption("contact_details", PLAIN_USER, false).isPresent());
        page.context().close();
    }

    @Test
    void a_user_resets_their_own_layout_after_confirming_in_english() {
        resetsOwnLayoutThroughTheConfirmation("en", "Reset my layout", "Yes, do it", "Done. Reload the card to see the change.");
    }

    @Test
    void a_user_resets_their_own_layout_after_confirming_in_russian() {
        resetsOwnLayoutThroughTheConfirmation("ru", "Сбросить мой макет", "Да, выполнить", "Готово. Обновите карточку, чтобы увидеть изменения.");
    }
}
