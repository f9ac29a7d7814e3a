package com.crmcardlayouts.portal;

import com.crmcardlayouts.config.AppConfig;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenCipherTest {

    static final String KEY_A = Base64.getEncoder().encodeToString("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".getBytes());
    static final String KEY_B = Base64.getEncoder().encodeToString("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb".getBytes());

    static TokenCipher cipher(String key, String... previous) {
        return new TokenCipher(new AppConfig() {
            public String publicUrl() {
                return "https://app.example.com";
            }

            public String encryptionKey() {
                return key;
            }

            public Optional<List<String>> previousEncryptionKeys() {
                return previous.length == 0 ? Optional.empty() : Optional.of(List.of(previous));
            }

            public String bx24ScriptUrl() {
                return "https://api.bitrix24.com/api/v1/";
            }
        });
    }

    @Test
    void round_trips_and_never_shows_the_plaintext() {
        TokenCipher cipher = cipher(KEY_A);
        String sealed = cipher.encrypt("access-token-123", "user_token:1:7");
        assertFalse(sealed.contains("access-token-123"));
        assertTrue(sealed.startsWith("v1."));
        assertEquals("access-token-123", cipher.decrypt(sealed, "user_token:1:7"));
    }

    @Test
    void same_plaintext_encrypts_differently_each_time() {
        TokenCipher cipher = cipher(KEY_A);
        assertNotEquals(cipher.encrypt("t", "c"), cipher.encrypt("t", "c"));
    }

    @Test
    void ciphertext_moved_to_another_row_does_not_decrypt() {
        TokenCipher cipher = cipher(KEY_A);
        String sealed = cipher.encrypt("secret", "user_token:1:7");
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(sealed, "user_token:1:8"));
    }

    @Test
    void tampered_iv_ciphertext_or_tag_is_refused() {
        TokenCipher cipher = cipher(KEY_A);
        String sealed = cipher.encrypt("secret", "c");
        int prefix = sealed.lastIndexOf('.') + 1;
        byte[] payload = Base64.getUrlDecoder().decode(sealed.substring(prefix));
        // One bit flipped in the IV, in the encrypted text and in the tag: each must break authentication.
        for (int position : new int[] {0, 12, payload.length - 1}) {
            byte[] altered = payload.clone();
            altered[position] ^= 0x01;
            String tampered = sealed.substring(0, prefix) + Base64.getUrlEncoder().withoutPadding().encodeToString(altered);
            assertThrows(IllegalStateException.class, () -> cipher.decrypt(tampered, "c"), "bit flipped at byte " + position);
        }
    }

    @Test
    void truncated_ciphertext_is_refused() {
        TokenCipher cipher = cipher(KEY_A);
        String sealed = cipher.encrypt("secret", "c");
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(sealed.substring(0, sealed.indexOf('.', 3) + 5), "c"));
        assertThrows(IllegalStateException.class, () -> cipher.decrypt("not-a-ciphertext", "c"));
    }

    @Test
    void previous_key_still_decrypts_after_rotation_and_is_flagged_for_reencryption() {
        String old = cipher(KEY_A).encrypt("secret", "c");
        TokenCipher rotated = cipher(KEY_B, KEY_A);
        assertEquals("secret", rotated.decrypt(old, "c"));
        assertTrue(rotated.needsReencryption(old));
        assertFalse(rotated.needsReencryption(rotated.encrypt("secret", "c")));
    }

    @Test
    void unknown_key_is_named_in_the_error() {
        String old = cipher(KEY_A).encrypt("secret", "c");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> cipher(KEY_B).decrypt(old, "c"));
        assertTrue(e.getMessage().contains("APP_PREVIOUS_ENCRYPTION_KEYS"));
    }

    @Test
    void rejects_a_key_of_the_wrong_length() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cipher(shortKey));
        assertTrue(e.getMessage().contains("32 bytes"));
    }
}
