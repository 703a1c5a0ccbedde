package dev.opscenter.ingress.event;

/**
 * What the ingress checks of a JSON body's bytes beyond parsing it, now that the bytes themselves are the stored
 * payload (V24): the worker and the API read them as UTF-8 text, and PostgreSQL text holds no NUL character.
 */
final class JsonText {
    private JsonText() {}

    /**
     * Whether a body that parsed as JSON can be read back as plain UTF-8 text without a NUL: no byte order mark, no
     * zero byte (UTF-16 and UTF-32 have them; in UTF-8 JSON a NUL must be escaped) and no escaped NUL
     * (<code>&#92;u0000</code>) in a string. An escaped backslash followed by {@code u0000} is not one.
     */
    static boolean storable(byte[] json) {
        if (json.length >= 2 && (json[0] & 0xff) >= 0xef) {
            return false; // EF BB BF (UTF-8), FE FF, FF FE: a byte order mark, which is not JSON text
        }
        for (int i = 0; i < json.length; i++) {
            byte b = json[i];
            if (b == 0) {
                return false;
            }
            if (b != '\\' || i + 1 >= json.length) {
                continue;
            }
            if (json[i + 1] == 'u'
                    && i + 5 < json.length
                    && json[i + 2] == '0'
                    && json[i + 3] == '0'
                    && json[i + 4] == '0'
                    && json[i + 5] == '0') {
                return false;
            }
            i++; // the escaped character, which may be a backslash
        }
        return true;
    }
}
