package com.crmcardlayouts.web;

import io.quarkus.qute.i18n.Message;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every English message has a Russian and a German translation, and no translation is left over. */
class MessageBundlesTest {

    @ParameterizedTest
    @ValueSource(strings = {"ru", "de"})
    void a_translation_has_exactly_the_english_keys(String lang) throws IOException {
        Set<String> english = Arrays.stream(AppMessages.class.getDeclaredMethods())
                .filter(method -> method.isAnnotationPresent(Message.class))
                // An enum's names are keys of their own (in msg_en); the refusal chooser only names other keys.
                .filter(method -> !(method.getParameterCount() == 1 && method.getParameterTypes()[0].isEnum()) && !method.getName().equals("api_refused"))
                .map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        english.addAll(load("en").stringPropertyNames());
        assertEquals(english, new TreeSet<>(load(lang).stringPropertyNames()));
    }

    private Properties load(String lang) throws IOException {
        Properties messages = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/messages/msg_" + lang + ".properties")) {
            messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return messages;
    }
}
