package dev.opscenter.realtime;

import io.micronaut.json.JsonMapper;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.annotation.ClientWebSocket;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * LiveClient is a dashboard page's socket as tests see it: every message it received (a batch frame's messages one
 * by one, as the page reads them), every frame as it came, and how it was closed.
 */
@ClientWebSocket
public abstract class LiveClient implements AutoCloseable {
    private final List<String> frames = new CopyOnWriteArrayList<>();
    private volatile CloseReason closeReason;

    @OnMessage
    void onMessage(String text) {
        frames.add(text);
    }

    @OnClose
    void onClose(CloseReason reason) {
        closeReason = reason;
    }

    /** Every message received, in order, batches unpacked. */
    public List<String> texts() {
        return frames.stream()
                .flatMap(frame -> BatchText.messages(frame).stream())
                .toList();
    }

    /** Every frame received, in order, as it came. */
    public List<String> frames() {
        return List.copyOf(frames);
    }

    /** The parsed messages of one type, in order. */
    public List<Map<String, Object>> messages(JsonMapper json, String type) {
        return texts().stream()
                .map(t -> parse(json, t))
                .filter(m -> type.equals(m.get("type")))
                .toList();
    }

    /** The feed ids of the alert messages received, in order. */
    public List<String> alertIds(JsonMapper json) {
        return messages(json, "alert").stream().map(m -> (String) m.get("id")).toList();
    }

    /** Null while open. */
    public CloseReason closeReason() {
        return closeReason;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(JsonMapper json, String text) {
        try {
            return json.readValue(text, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
