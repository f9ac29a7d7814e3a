package com.crmcardlayouts.bitrix24;

import java.util.List;
import java.util.Optional;

/**
 * One page of a Bitrix24 list (50 rows at most).
 *
 * @param next  where the following page starts, empty on the last one
 * @param total how many rows the list has in all, when Bitrix24 counted them
 */
public record Page<T>(List<T> items, Optional<Integer> next, Optional<Integer> total) {

    public Page {
        items = List.copyOf(items);
    }
}
