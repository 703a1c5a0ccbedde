package dev.opscenter.worker.alert;

import dev.opscenter.common.notify.TemplateRenderer;
import dev.opscenter.worker.parse.ParsedAlert;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AlertLimits bounds what one alert weighs before it is stored: that stored alert is what the API lists, the live feed
 * keeps and every dashboard receives. Title and message are bounded by {@link ParsedAlert}; here each metadata value
 * is cut to maxMetadataValueChars (ending in {@value #TRUNCATED}) and the metadata as a whole to maxMetadataBytes
 * (UTF-8 of keys and values): fields past it are left out and counted in {@value #OMITTED}.
 */
@ConfigurationProperties("opscenter.alerts")
record AlertLimits(int maxMetadataValueChars, int maxMetadataBytes) {
    static final String TRUNCATED = TemplateRenderer.TRUNCATED;
    static final String OMITTED = "_omitted";
    /** Quotes, colon and comma around each field in JSON. */
    private static final int FIELD_OVERHEAD = 6;

    /** The alert within the limits; the same alert when it already is. */
    ParsedAlert apply(ParsedAlert alert) {
        Map<String, Object> kept = new LinkedHashMap<>();
        long bytes = 0;
        int omitted = 0;
        for (Map.Entry<String, Object> field : alert.metadata().entrySet()) {
            Object value = capped(field.getValue());
            long size = utf8(field.getKey()) + utf8(String.valueOf(value)) + FIELD_OVERHEAD;
            if (omitted > 0 || bytes + size > maxMetadataBytes) {
                omitted++;
                continue;
            }
            bytes += size;
            kept.put(field.getKey(), value);
        }
        if (omitted > 0) {
            kept.put(OMITTED, omitted);
        }
        return kept.equals(alert.metadata())
                ? alert
                : new ParsedAlert(alert.title(), alert.message(), alert.severity(), kept);
    }

    private Object capped(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        String text = value instanceof String s ? s : String.valueOf(value);
        return text.length() <= maxMetadataValueChars ? value : TemplateRenderer.truncated(text, maxMetadataValueChars);
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
