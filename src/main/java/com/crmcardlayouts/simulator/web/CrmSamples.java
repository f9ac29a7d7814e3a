package com.crmcardlayouts.simulator.web;

import com.crmcardlayouts.simulator.CrmEntityTypes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The sample CRM items the simulator's cards show, and each card type's built-in default layout. */
final class CrmSamples {

    /** A CRM item type the UI has cards for. */
    record Kind(String code, int entityTypeId, String label) {
        String placement() {
            return "CRM_" + code.toUpperCase() + "_DETAIL_TAB";
        }
    }

    /** One CRM item: its category (deal funnel) and lead customer type select its layout. */
    record Item(Kind kind, long id, int categoryId, int customerType, Map<String, String> fields) {
        String title() {
            return fields.getOrDefault("TITLE", (fields.getOrDefault("NAME", "") + " " + fields.getOrDefault("LAST_NAME", "")).trim());
        }

        String configId() {
            return CrmEntityTypes.configId(kind.entityTypeId(), categoryId, customerType);
        }

        String url() {
            return "/simulator/crm/" + kind.code() + "/" + id;
        }
    }

    /** A section of the built-in layout. */
    record DefaultSection(String title, List<String> fields) {
    }

    static final Kind LEAD = new Kind("lead", CrmEntityTypes.LEAD, "Lead");
    static final Kind DEAL = new Kind("deal", CrmEntityTypes.DEAL, "Deal");
    static final Kind CONTACT = new Kind("contact", CrmEntityTypes.CONTACT, "Contact");
    static final Kind COMPANY = new Kind("company", CrmEntityTypes.COMPANY, "Company");
    static final List<Kind> KINDS = List.of(LEAD, DEAL, CONTACT, COMPANY);

    private static final Map<String, String> LABELS = labels();
    private static final List<Item> ITEMS = List.of(
            new Item(LEAD, 1, 0, 1, fields("TITLE", "Website enquiry: 40 seats", "NAME", "Lena", "LAST_NAME", "Berg",
                    "STATUS_ID", "New", "SOURCE_ID", "Web form", "PHONE", "+49 30 1234567",
                    "EMAIL", "lena.berg@example.test", "OPPORTUNITY_WITH_CURRENCY", "12,000 EUR",
                    "ASSIGNED_BY_ID", "Max Manager", "COMMENTS", "Asked for a demo next week.")),
            new Item(LEAD, 2, 0, 2, fields("TITLE", "Repeat order: Nordwind GmbH", "NAME", "Jonas", "LAST_NAME", "Wolf",
                    "STATUS_ID", "In progress", "SOURCE_ID", "Existing customer", "PHONE", "+49 40 7654321",
                    "EMAIL", "jonas.wolf@example.test", "OPPORTUNITY_WITH_CURRENCY", "3,400 EUR",
                    "ASSIGNED_BY_ID", "Paula Plain", "COMMENTS", "Second order this year.")),
            new Item(DEAL, 1, 0, 0, fields("TITLE", "Annual licence 2026", "STAGE_ID", "Negotiation",
                    "OPPORTUNITY_WITH_CURRENCY", "24,500 EUR", "CLIENT", "Nordwind GmbH, Lena Berg",
                    "CLOSEDATE", "2026-12-15", "ASSIGNED_BY_ID", "Max Manager", "SOURCE_ID", "Web form",
                    "COMMENTS", "Legal review of the contract is pending.")),
            new Item(DEAL, 2, 3, 0, fields("TITLE", "Reseller agreement", "STAGE_ID", "Proposal",
                    "OPPORTUNITY_WITH_CURRENCY", "8,000 EUR", "CLIENT", "Kranich AG", "CLOSEDATE", "2027-01-31",
                    "ASSIGNED_BY_ID", "Oscar Owens", "SOURCE_ID", "Partner", "COMMENTS", "Partners funnel (category 3).")),
            new Item(CONTACT, 1, 0, 0, fields("NAME", "Lena", "LAST_NAME", "Berg", "POST", "Head of Sales",
                    "PHONE", "+49 30 1234567", "EMAIL", "lena.berg@example.test", "COMPANY", "Nordwind GmbH",
                    "ASSIGNED_BY_ID", "Max Manager", "COMMENTS", "Prefers e-mail.")),
            new Item(CONTACT, 2, 0, 0, fields("NAME", "Tomasz", "LAST_NAME", "Nowak", "POST", "Buyer",
                    "PHONE", "+48 22 5550101", "EMAIL", "t.nowak@example.test", "COMPANY", "Kranich AG",
                    "ASSIGNED_BY_ID", "Nina Novak", "COMMENTS", "")),
            new Item(COMPANY, 1, 0, 0, fields("TITLE", "Nordwind GmbH", "COMPANY_TYPE", "Customer",
                    "INDUSTRY", "Manufacturing", "PHONE", "+49 40 1000200", "EMAIL", "office@nordwind.example.test",
                    "WEB", "nordwind.example.test", "ASSIGNED_BY_ID", "Max Manager", "COMMENTS", "Key account.")),
            new Item(COMPANY, 2, 0, 0, fields("TITLE", "Kranich AG", "COMPANY_TYPE", "Partner",
                    "INDUSTRY", "Retail", "PHONE", "+49 89 3000400", "EMAIL", "info@kranich.example.test",
                    "WEB", "kranich.example.test", "ASSIGNED_BY_ID", "Oscar Owens", "COMMENTS", "")));

    private CrmSamples() {
    }

    static List<Item> items() {
        return ITEMS;
    }

    static Optional<Item> item(String kind, long id) {
        return ITEMS.stream().filter(i -> i.kind().code().equals(kind) && i.id() == id).findFirst();
    }

    static String label(String field) {
        return LABELS.getOrDefault(field, field);
    }

    static List<DefaultSection> defaultLayout(Kind kind) {
        if (kind == CONTACT) {
            return List.of(new DefaultSection("About the contact", List.of("NAME", "LAST_NAME", "POST", "COMPANY")),
                    new DefaultSection("Contact details", List.of("PHONE", "EMAIL")),
                    new DefaultSection("More", List.of("ASSIGNED_BY_ID", "COMMENTS")));
        }
        if (kind == COMPANY) {
            return List.of(new DefaultSection("About the company", List.of("TITLE", "COMPANY_TYPE", "INDUSTRY")),
                    new DefaultSection("Contact details", List.of("PHONE", "EMAIL", "WEB")),
                    new DefaultSection("More", List.of("ASSIGNED_BY_ID", "COMMENTS")));
        }
        if (kind == DEAL) {
            return List.of(new DefaultSection("About the deal",
                            List.of("TITLE", "STAGE_ID", "OPPORTUNITY_WITH_CURRENCY", "CLOSEDATE", "CLIENT")),
                    new DefaultSection("More", List.of("ASSIGNED_BY_ID", "SOURCE_ID", "COMMENTS")));
        }
        return List.of(new DefaultSection("About the lead", List.of("TITLE", "STATUS_ID", "SOURCE_ID", "OPPORTUNITY_WITH_CURRENCY")),
                new DefaultSection("Contact", List.of("NAME", "LAST_NAME", "PHONE", "EMAIL")),
                new DefaultSection("More", List.of("ASSIGNED_BY_ID", "COMMENTS")));
    }

    private static Map<String, String> fields(String... pairs) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put(pairs[i], pairs[i + 1]);
        }
        return fields;
    }

    private static Map<String, String> labels() {
        return fields("TITLE", "Name", "NAME", "First name", "LAST_NAME", "Last name", "STATUS_ID", "Status",
                "SOURCE_ID", "Source", "PHONE", "Phone", "EMAIL", "E-mail", "OPPORTUNITY_WITH_CURRENCY", "Amount",
                "OPPORTUNITY", "Amount", "ASSIGNED_BY_ID", "Responsible", "COMMENTS", "Comment", "STAGE_ID", "Stage",
                "CLIENT", "Client", "CLOSEDATE", "Expected close date", "POST", "Position", "COMPANY", "Company",
                "COMPANY_TYPE", "Company type", "INDUSTRY", "Industry", "WEB", "Website");
    }
}
