package com.crmcardlayouts.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every handler the manifest registers in the vendor console is served, and refuses an unverified request. */
@QuarkusTest
class HandlerRoutesTest {

    @Test
    void every_registered_handler_answers_an_unverified_bitrix24_post_with_401() throws IOException {
        JsonNode handlers = new ObjectMapper().readTree(Path.of("app-manifest", "manifest.json").toFile()).get("handlers");
        assertEquals(4, handlers.size());
        for (Map.Entry<String, JsonNode> handler : (Iterable<Map.Entry<String, JsonNode>>) handlers::fields) {
            int status = given().contentType("application/x-www-form-urlencoded")
                    .formParam("member_id", "0123456789abcdef0123456789abcdef")
                    .formParam("PLACEMENT", "placement".equals(handler.getKey()) ? "CRM_LEAD_DETAIL_TAB" : "DEFAULT")
                    .formParam("AUTH_ID", "not-a-token")
                    .post(handler.getValue().asText())
                    .statusCode();
            assertEquals(401, status, handler.getKey() + " " + handler.getValue().asText());
        }
    }
}
