package com.crmcardlayouts.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;

import java.net.URL;
import java.util.Map;

/**
 * Plays the portal's side of a frame in a real browser: a page on the app's origin whose hidden
 * form POSTs the frame fields into an iframe named {@code app}, as Bitrix24's pages do.
 */
public final class PortalPageHost {

    private static final String HOST_PATH = "/test-portal/host";

    private PortalPageHost() {
    }

    /** Opens a new page whose iframe {@code app} receives {@code form} posted to {@code action} (a path with query). */
    public static Page open(Browser browser, URL app, String action, Map<String, String> form, int width, int height) {
        Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height)).newPage();
        StringBuilder fields = new StringBuilder();
        form.forEach((name, value) -> fields.append("<input type=\"hidden\" name=\"").append(escape(name))
                .append("\" value=\"").append(escape(value)).append("\">"));
        String host = "<!DOCTYPE html><html><body style=\"margin:0;background:#eef2f4\">"
                + "<form id=\"f\" method=\"POST\" target=\"app\" action=\"" + escape(action) + "\">" + fields + "</form>"
                + "<iframe name=\"app\" style=\"width:100%;height:" + (height - 20) + "px;border:0\"></iframe>"
                + "<script>document.getElementById('f').submit();</script></body></html>";
        page.route("**" + HOST_PATH, route -> route.fulfill(new Route.FulfillOptions()
                .setContentType("text/html; charset=utf-8").setBody(host)));
        page.navigate(app.toString().replaceAll("/$", "") + HOST_PATH);
        return page;
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }
}
