package com.crmcardlayouts.bitrix24;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A method call written as one {@code cmd} entry of {@code batch}: {@code method?query}, the
 * parameters encoded as PHP's {@code http_build_query} writes them and Bitrix24 reads them back:
 * nested maps and lists as {@code extras[dealCategoryId]=5}, {@code data[0][name]=main}; booleans as
 * {@code 1}/{@code 0}; {@code null} left out. Every value arrives as a string, which the methods the app
 * uses cast as they would a JSON number.
 */
final class BatchCommand {

    private BatchCommand() {
    }

    static String of(String method, Map<String, Object> params) {
        StringJoiner query = new StringJoiner("&");
        params.forEach((name, value) -> append(query, encode(name), value));
        return query.length() == 0 ? method : method + "?" + query;
    }

    private static void append(StringJoiner query, String key, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((name, inner) -> append(query, key + "[" + encode(String.valueOf(name)) + "]", inner));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                append(query, key + "[" + i + "]", list.get(i));
            }
        } else if (value instanceof Boolean flag) {
            query.add(key + "=" + (flag ? "1" : "0"));
        } else {
            query.add(key + "=" + encode(String.valueOf(value)));
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
