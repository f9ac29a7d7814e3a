package com.crmcardlayouts.bitrix24;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One method's successful answer, alone or as one command of a batch.
 *
 * @param method the method that answered, e.g. {@code crm.deal.details.configuration.reset}
 * @param result Bitrix24's {@code result}
 * @param total  {@code total} of a list method, when Bitrix24 counted
 * @param next   {@code next} of a list method: the {@code start} of the following page, when there is one
 */
record Reply(String method, JsonNode result, Integer total, Integer next) {
}
