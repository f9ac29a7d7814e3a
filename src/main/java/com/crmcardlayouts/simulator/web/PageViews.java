package com.crmcardlayouts.simulator.web;

import com.crmcardlayouts.simulator.DeliveredEvent;
import com.crmcardlayouts.simulator.SimEventBinding;
import com.crmcardlayouts.simulator.SimPlacement;
import com.crmcardlayouts.simulator.SimPortal;
import com.crmcardlayouts.simulator.SimUser;

import java.util.List;

/** What the simulator's pages render. */
public final class PageViews {

    private PageViews() {
    }

    /** The top bar: who you are and whom you can switch to. */
    public record Header(SimUser currentUser, List<SimUser> users, String path, String appOrigin) {
    }

    /** A hidden form the page submits into an iframe, as the portal does to open an app frame. */
    public record Frame(String frameId, String target, String action, List<Field> fields, String appSid, String initJson,
                 String title) {
    }

    public record Field(String name, String value) {
    }

    /** A link to a CRM card. */
    public record CardLink(String id, String kind, String title, String url) {
    }

    /** A toggle in the tools panel. */
    public record Toggle(String id, String action, String label, boolean on) {
    }

    public record Home(Header header, SimPortal portal, boolean installed, int version, String applicationTokenStart,
                List<SimPlacement> placements, List<SimEventBinding> bindings, List<DeliveredEvent> deliveries,
                List<CardLink> cards, List<Toggle> toggles, List<String> configIds) {
    }

    /** The "Application" page: the installer, the app, or a notice for non-admins. */
    public record App(Header header, String mode, Frame frame) {
    }

    public record CardField(String code, String label, String value) {
    }

    public record CardSection(String title, List<CardField> fields) {
    }

    public record Tab(String buttonId, String title, Frame frame) {
    }

    public record Card(Header header, String kind, String kindLabel, long id, String title, String configId,
                String layoutSource, List<CardSection> sections, List<Tab> tabs, boolean installed) {
    }
}
