package dev.opscenter.common.crypto;

import java.util.Base64;

/**
 * SealedText keeps a secret inside a JSON document (such as a webhook channel's header values) encrypted with
 * {@link SecretCipher}: {@code sealed:v1:} followed by base64 of the cipher's output. Ingress seals, the worker opens.
 */
public final class SealedText {
    private static final String PREFIX = "sealed:v1:";

    private SealedText() {}

    /** The sealed form of the text. */
    public static String seal(SecretCipher cipher, String plain) {
        return PREFIX + Base64.getEncoder().encodeToString(cipher.encrypt(plain));
    }

    /** Whether the value is a sealed text. */
    public static boolean isSealed(Object value) {
        return value instanceof String s && s.startsWith(PREFIX);
    }

    /** The plain text of a sealed value; any other value (stored before values were sealed) as it is. */
    public static String open(SecretCipher cipher, String value) {
        if (!isSealed(value)) {
            return value;
        }
        return cipher.decrypt(Base64.getDecoder().decode(value.substring(PREFIX.length())));
    }
}
