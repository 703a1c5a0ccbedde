package dev.opscenter.realtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.opscenter.common.alert.LiveMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** BatchText reads a frame as a page does: a {@code batch} frame's messages one by one (exactly their text), else the frame. */
public final class BatchText {
    public static final String PREFIX = LiveMessage.BATCH_PREFIX;

    private BatchText() {}

    /** The messages of a frame; a batch is parsed by a real JSON parser, which also proves its text valid. */
    public static List<String> messages(String frame) {
        if (!frame.startsWith(PREFIX)) {
            return List.of(frame);
        }
        List<String> texts = new ArrayList<>();
        try (JsonParser parser = new JsonFactory().createParser(frame)) {
            expect(JsonToken.START_OBJECT, parser.nextToken());
            expect("type", parser.nextFieldName());
            expect("batch", parser.nextTextValue());
            expect("messages", parser.nextFieldName());
            expect(JsonToken.START_ARRAY, parser.nextToken());
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                int start = (int) parser.currentTokenLocation().getCharOffset();
                parser.skipChildren();
                texts.add(frame.substring(start, (int) parser.currentLocation().getCharOffset()));
            }
            expect(JsonToken.END_ARRAY, parser.currentToken());
            expect(JsonToken.END_OBJECT, parser.nextToken());
            expect(null, parser.nextToken());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return texts;
    }

    private static void expect(Object expected, Object actual) {
        if (expected == null ? actual != null : !expected.equals(actual)) {
            throw new IllegalStateException("not a batch frame: expected " + expected + ", got " + actual);
        }
    }
}
