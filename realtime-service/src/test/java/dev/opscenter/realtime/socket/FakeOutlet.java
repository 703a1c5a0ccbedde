package dev.opscenter.realtime.socket;

import dev.opscenter.realtime.BatchText;
import io.micronaut.websocket.CloseReason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * FakeOutlet records what is written to it: {@code writes} the frames' texts, {@code sent} each message (a batch's
 * messages one by one), an alert as its feed id so assertions read easily. It runs handed-over work at once, and can be made full or broken.
 */
class FakeOutlet implements Outlet {
    private static final String ALERT = "{\"type\":\"alert\",\"id\":\"";

    final List<String> writes = new ArrayList<>();
    final List<String> sent = new ArrayList<>();
    boolean full;
    RuntimeException failure;
    CloseReason closedWith;

    @Override
    public Executor loop() {
        return Runnable::run;
    }

    @Override
    public void write(Frame frame) {
        if (failure != null) {
            throw failure;
        }
        String text = frame.text();
        writes.add(text);
        BatchText.messages(text)
                .forEach(message -> sent.add(
                        message.startsWith(ALERT)
                                ? message.substring(ALERT.length(), message.indexOf('"', ALERT.length()))
                                : message));
    }

    @Override
    public void writeAll(Iterable<Frame> frames) {
        frames.forEach(this::write);
    }

    @Override
    public boolean full() {
        return full;
    }

    @Override
    public void close(CloseReason reason) {
        closedWith = reason;
    }
}
