package com.crmcardlayouts.web;

import com.crmcardlayouts.requests.Refusal;
import com.crmcardlayouts.requests.Refused;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The page API's refusal messages, byte for byte, in every language they exist in and for a language without
 * translations (English then). {@code api-messages/explained.tsv} was written from the messages as they were
 * answered before they moved into the bundle.
 */
@QuarkusTest
class ApiMessagesTest {

    @Test
    void every_refusal_is_explained_as_before_in_every_language() throws IOException {
        List<String> expected = expected();
        List<String> actual = new ArrayList<>();
        for (String lang : List.of("en", "ru", "de", "fr")) {
            for (Refusal refusal : Refusal.values()) {
                actual.add(lang + "\t" + refusal.name() + "\t" + ApiMessages.explain(new Refused(refusal, "DYNAMIC_1032"), lang));
            }
        }
        assertEquals(Refusal.values().length * 4, expected.size(), "a refusal without a recorded message");
        assertEquals(expected, actual);
    }

    @Test
    void a_refusal_without_a_language_is_explained_in_english_and_the_field_is_the_one_refused() {
        assertEquals("The request body must be one JSON object.", ApiMessages.explain(new Refused(Refusal.BODY_NOT_JSON_OBJECT), null));
        assertEquals("Поле «userId» обязательно.", ApiMessages.explain(new Refused(Refusal.FIELD_MISSING, "userId"), "ru"));
    }

    private static List<String> expected() throws IOException {
        try (InputStream in = ApiMessagesTest.class.getResourceAsStream("/api-messages/explained.tsv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
