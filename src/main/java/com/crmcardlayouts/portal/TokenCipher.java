package com.crmcardlayouts.portal;

import com.crmcardlayouts.config.AppConfig;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Encrypts secrets at rest with AES-256-GCM under {@code APP_ENCRYPTION_KEY}.
 * A ciphertext reads {@code v1.<keyId>.<base64url(iv ‖ ciphertext ‖ tag)>}; the key id lets a
 * rotated key keep decrypting old rows until they are re-encrypted. The context (for example
 * {@code user_token:12:7}) is bound as associated data, so a ciphertext copied to another row fails.
 */
@ApplicationScoped
public class TokenCipher {

    private static final String VERSION = "v1";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
    private final String currentKeyId;

    public TokenCipher(AppConfig config) {
        SecretKeySpec current = parseKey(config.encryptionKey(), "APP_ENCRYPTION_KEY");
        currentKeyId = keyId(current);
        keys.put(currentKeyId, current);
        config.previousEncryptionKeys().ifPresent(previous -> previous.forEach(encoded -> {
            SecretKeySpec key = parseKey(encoded, "APP_PREVIOUS_ENCRYPTION_KEYS");
            keys.putIfAbsent(keyId(key), key);
        }));
    }

    public String encrypt(String plaintext, String context) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            return VERSION + "." + currentKeyId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    public String decrypt(String ciphertext, String context) {
        String[] parts = ciphertext.split("\\.", 3);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new IllegalStateException("Stored value is not a recognised ciphertext");
        }
        SecretKeySpec key = keys.get(parts[1]);
        if (key == null) {
            throw new IllegalStateException("Stored value was encrypted with an unknown key " + parts[1]
                    + "; add that key to APP_PREVIOUS_ENCRYPTION_KEYS");
        }
        try {
            byte[] in = Base64.getUrlDecoder().decode(parts[2]);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Stored value could not be decrypted", e);
        }
    }

    /** Whether a ciphertext was written with a key other than the current one. */
    public boolean needsReencryption(String ciphertext) {
        return !ciphertext.startsWith(VERSION + "." + currentKeyId + ".");
    }

    /** A key for one purpose (e.g. signing app-sessions), derived from the current key with HMAC-SHA256; the key itself never leaves this class. */
    public byte[] deriveKey(String purpose) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(keys.get(currentKeyId));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Key derivation failed", e);
        }
    }

    private static SecretKeySpec parseKey(String base64, String name) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not valid Base64");
        }
        if (raw.length != 32) {
            throw new IllegalArgumentException(name + " must be Base64 of exactly 32 bytes (256 bits), got " + raw.length);
        }
        return new SecretKeySpec(raw, "AES");
    }

    private static String keyId(SecretKeySpec key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
