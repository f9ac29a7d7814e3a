package com.crmcardlayouts.simulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The portal's {@code crm.entity.editor} user options: card layouts stored as personal rows
 * (configId, user, common=false), common rows (configId_common, 0, common=true) and per-user
 * view choices (configId_scope, user, common=false).
 */
public final class EditorOptions {

    /** One row's key; names are stored lower-cased, as Bitrix24 does. */
    public record Key(String name, long userId, boolean common) {
        public Key {
            name = name.toLowerCase();
        }
    }

    /** Which layout a user sees on a card, and where it came from. */
    public record Effective(String source, Optional<JsonNode> layout) {
    }

    private final Map<Key, JsonNode> rows = new ConcurrentHashMap<>();

    public Optional<JsonNode> get(Key key) {
        return Optional.ofNullable(rows.get(key));
    }

    public void put(Key key, JsonNode value) {
        rows.put(key, value);
    }

    public void remove(Key key) {
        rows.remove(key);
    }

    /** Deletes every row with this name, for any user and either common flag. */
    public synchronized void removeAllNamed(String name) {
        String lower = name.toLowerCase();
        rows.keySet().removeIf(k -> k.name().equals(lower));
    }

    /**
     * The layout the card shows to a user: an explicit view choice ({@code _scope} row) decides;
     * otherwise the personal layout if there is one, else the common one, else the built-in default.
     */
    public Effective effective(String configId, long userId) {
        String id = configId.toLowerCase();
        Optional<JsonNode> common = get(new Key(id + "_common", 0, true));
        boolean choseCommon = get(new Key(id + "_scope", userId, false))
                .map(v -> "C".equals(v.asText())).orElse(false);
        if (!choseCommon) {
            Optional<JsonNode> personal = get(new Key(id, userId, false));
            if (personal.isPresent()) {
                return new Effective("personal", personal);
            }
            // "Apply to all users" in the card UI writes this row; a personal read falls back to it.
            Optional<JsonNode> forAll = get(new Key(id, 0, true));
            if (forAll.isPresent()) {
                return new Effective("common", forAll);
            }
        }
        return common.map(c -> new Effective("common", Optional.of(c)))
                .orElseGet(() -> new Effective("default", Optional.empty()));
    }
}
