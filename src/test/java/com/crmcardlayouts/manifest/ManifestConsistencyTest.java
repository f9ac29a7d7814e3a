package com.crmcardlayouts.manifest;

import com.crmcardlayouts.bitrix24.CardType;
import com.crmcardlayouts.bitrix24.CrmEntity;
import com.crmcardlayouts.bindings.Bindings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keeps app-manifest/ (what is registered in the vendor console) in step with what the code binds. */
class ManifestConsistencyTest {

    private static final Path MANIFEST_DIR = Path.of("app-manifest");

    private final JsonNode manifest = read();

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(MANIFEST_DIR.resolve("manifest.json").toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void default_placements_are_the_tabs_bound_at_install() {
        List<String> defaults = placements().stream()
                .filter(p -> p.path("default").asBoolean())
                .map(p -> p.get("code").asText())
                .toList();
        assertEquals(Bindings.DEFAULT_TABS.stream().map(CardType::placement).toList(), defaults);
        placements().stream().filter(p -> p.path("default").asBoolean())
                .forEach(p -> assertFalse(p.path("optional").asBoolean(), p.get("code").asText()));
    }

    @Test
    void every_crm_entity_has_a_placement_and_the_others_are_optional() {
        Map<String, Integer> inManifest = placements().stream()
                .collect(Collectors.toMap(p -> p.get("code").asText(), p -> p.get("entityTypeId").asInt()));
        Map<String, Integer> inCode = Arrays.stream(CrmEntity.values())
                .collect(Collectors.toMap(e -> e.placement, e -> e.entityTypeId));
        assertEquals(inCode, inManifest);
        placements().stream().filter(p -> !p.path("default").asBoolean())
                .forEach(p -> assertTrue(p.path("optional").asBoolean(), p.get("code").asText() + " must be marked optional"));
    }

    @Test
    void events_are_the_ones_bound_at_install() {
        assertEquals(Bindings.EVENTS, texts(manifest.get("events")));
    }

    @Test
    void scopes_are_the_ones_the_calls_need() {
        assertEquals(Bindings.SCOPES, texts(manifest.get("scopes")));
    }

    @Test
    void handler_paths_are_the_ones_the_code_serves() {
        JsonNode handlers = manifest.get("handlers");
        assertEquals(Map.of(
                        "install", Bindings.INSTALL_PATH,
                        "app", Bindings.APP_PATH,
                        "placement", Bindings.PLACEMENT_PATH,
                        "events", Bindings.EVENTS_PATH),
                StreamSupport.stream(((Iterable<Map.Entry<String, JsonNode>>) handlers::fields).spliterator(), false)
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().asText())));
        assertTrue(manifest.get("usesInstaller").asBoolean());
    }

    @Test
    void every_listing_language_has_its_text_a_name_and_a_title_for_every_placement() throws IOException {
        Set<String> languages;
        try (Stream<Path> files = Files.list(MANIFEST_DIR.resolve("listing"))) {
            languages = files.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".md"))
                    .map(name -> name.substring(0, name.length() - 3))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(Set.of("en", "ru", "de"), languages);
        for (String language : languages) {
            assertEquals("listing/" + language + ".md", manifest.at("/listing/" + language).asText());
            assertFalse(manifest.at("/name/" + language).asText().isBlank(), "name in " + language);
            for (JsonNode placement : placements()) {
                assertFalse(placement.at("/title/" + language).asText().isBlank(),
                        placement.get("code").asText() + " has no " + language + " title");
            }
        }
    }

    private List<JsonNode> placements() {
        List<JsonNode> placements = new ArrayList<>();
        manifest.get("placements").forEach(placements::add);
        return placements;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
