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

/** LiveClient is a dashboard page's socket as tests see it: every text it received, and how it was closed. */
@ClientWebSocket
public abstract class LiveClient implements AutoCloseable {
    private final List<String> texts = new CopyOnWriteArrayList<>();
    private volatile CloseReason closeReason;

    @OnMessage
    void onMessage(String text) {
        texts.add(text);
    }

    @OnClose
    void onClose(CloseReason reason) {
        closeReason = reason;
    }

    /** Every text received, in order. */
    public List<String> texts() {
        return List.copyOf(texts);
    }

    /** The parsed messages of one type, in order. */
    public List<Map<String, Object>> messages(JsonMapper json, String type) {
        return texts().stream().map(t -> parse(json, t)).filter(m -> type.equals(m.get("type"))).toList();
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
