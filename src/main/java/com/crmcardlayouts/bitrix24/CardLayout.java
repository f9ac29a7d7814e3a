package com.crmcardlayouts.bitrix24;

import java.util.List;
import java.util.Map;

/**
 * A stored card layout as Bitrix24 hands it out: its sections in order, each with its fields.
 *
 * @param sections e.g. {@code main} "About the deal" with {@code TITLE}, {@code OPPORTUNITY_WITH_CURRENCY}
 */
public record CardLayout(List<Section> sections) {

    public CardLayout {
        sections = List.copyOf(sections);
    }

    /**
     * @param name  e.g. {@code main}
     * @param title e.g. {@code About the deal}
     */
    public record Section(String name, String title, List<Element> elements) {
        public Section {
            elements = List.copyOf(elements);
        }
    }

    /**
     * @param name        the field, e.g. {@code OPPORTUNITY_WITH_CURRENCY}
     * @param title       a label the card's editor saved, or {@code null}; Bitrix24 never stores one written through REST
     * @param optionFlags as stored: the editor writes {@code "1"}, REST keeps a number a number; {@code null} when absent
     * @param options     e.g. {@code isPayButtonVisible: "true"}
     */
    public record Element(String name, String title, Object optionFlags, Map<String, Object> options) {
        public Element {
            options = Map.copyOf(options);
        }
    }
}
