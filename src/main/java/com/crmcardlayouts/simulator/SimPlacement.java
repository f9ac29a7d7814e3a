package com.crmcardlayouts.simulator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A placement handler bound by the app with {@code placement.bind}.
 *
 * @param id          e.g. {@code 3}
 * @param placement   upper-case code, e.g. {@code CRM_DEAL_DETAIL_TAB}
 * @param handler     e.g. {@code http://127.0.0.1:8080/bitrix24/placement}
 * @param title       flat title (may be empty)
 * @param description flat description (may be empty)
 * @param groupName   flat group name (may be empty)
 * @param langAll     {@code {"en":{"TITLE":…,"DESCRIPTION":…,"GROUP_NAME":…}}}
 */
public record SimPlacement(long id, String placement, String handler, String title, String description,
                           String groupName, JsonNode langAll) {
}
