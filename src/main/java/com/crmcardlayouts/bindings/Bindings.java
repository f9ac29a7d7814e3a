package com.crmcardlayouts.bindings;

import com.crmcardlayouts.bitrix24.CardType;
import com.crmcardlayouts.bitrix24.CrmEntity;

import java.util.List;
import java.util.stream.Stream;

/** What the app registers in a portal: its tab placements and lifecycle event handlers. */
public final class Bindings {

    /** Card tabs bound at install; the admin console changes the set later. */
    public static final List<CardType> DEFAULT_TABS =
            Stream.of(CrmEntity.LEAD, CrmEntity.CONTACT, CrmEntity.DEAL, CrmEntity.COMPANY).map(CardType::of).toList();

    /** Lifecycle events bound at install, so that older portals deliver the application token too. */
    public static final List<String> EVENTS = List.of("ONAPPINSTALL", "ONAPPUPDATE", "ONAPPUNINSTALL");

    /** REST scopes the app's calls need. */
    public static final List<String> SCOPES = List.of("crm", "placement", "user_brief");

    public static final String PLACEMENT_PATH = "/bitrix24/placement";
    public static final String EVENTS_PATH = "/bitrix24/events";
    public static final String INSTALL_PATH = "/bitrix24/install";
    public static final String APP_PATH = "/bitrix24/app";

    private Bindings() {
    }
}
