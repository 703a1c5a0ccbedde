package dev.opscenter.realtime.socket;

import io.micronaut.websocket.CloseReason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/** FakeOutlet records the texts written to it; it runs handed-over work at once, and can be made full or broken. */
class FakeOutlet implements Outlet {
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
        sent.add(frame.text());
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
