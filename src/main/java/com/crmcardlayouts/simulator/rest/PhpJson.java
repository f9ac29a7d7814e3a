package com.crmcardlayouts.simulator.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Writes answers as Bitrix24's PHP does: {@code /} escaped as {@code \/} (PHP's {@code json_encode} default). */
public final class PhpJson {

    private static final ObjectMapper WRITER = new ObjectMapper();

    static {
        WRITER.getFactory().setCharacterEscapes(new SlashEscapes());
    }

    private PhpJson() {
    }

    public static String write(Object value) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A simulated answer could not be written", e);
        }
    }

    private static final class SlashEscapes extends CharacterEscapes {
        private static final SerializedString SLASH = new SerializedString("\\/");
        private final int[] escapes;

        SlashEscapes() {
            escapes = CharacterEscapes.standardAsciiEscapesForJSON();
            escapes['/'] = CharacterEscapes.ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch == '/' ? SLASH : null;
        }
    }
}
