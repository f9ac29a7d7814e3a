package com.crmcardlayouts.config;

import io.smallrye.config.ConfigMapping;

import java.util.List;
import java.util.Optional;

/** The app's own settings (CONTRACT §1). */
@ConfigMapping(prefix = "app")
public interface AppConfig {

    /** Public base URL of this app, e.g. {@code https://layouts.example.com}; handler URLs bound in Bitrix24 are built from it. */
    String publicUrl();

    /** Base64 of a 256-bit key; OAuth tokens are encrypted at rest with it (AES-GCM). */
    String encryptionKey();

    /**
     * Base64 keys that were current before a rotation. They are only used to decrypt values that
     * have not been re-encrypted yet; new values are always written with {@link #encryptionKey()}.
     */
    Optional<List<String>> previousEncryptionKeys();

    /** Where pages load Bitrix24's frame library (BX24) from; the simulator serves a compatible one. */
    String bx24ScriptUrl();

    /** URL of the public app page without a trailing slash. */
    default String publicBase() {
        String url = publicUrl();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
