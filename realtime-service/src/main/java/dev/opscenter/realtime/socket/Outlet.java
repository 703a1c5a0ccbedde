package dev.opscenter.realtime.socket;

import io.micronaut.websocket.CloseReason;
import java.util.concurrent.Executor;

/**
 * Outlet is where a viewer's frames go. Writes never wait: they queue on the connection, whose queued bytes are
 * bounded by {@link #full()}.
 */
interface Outlet {

    /** The thread that writes to this connection; a viewer's frames are all handed over on it, so they stay in order. */
    Executor loop();

    /** Queues a frame and sends it; a heartbeat also starts the write deadline. */
    void write(Frame frame);

    /** Queues frames and sends them together. */
    void writeAll(Iterable<Frame> frames);

    /** Whether the bytes queued and not yet taken by the peer have reached the per-socket limit. */
    boolean full();

    /** Closes politely (a close frame), and outright if the peer has not taken it within the write timeout. */
    void close(CloseReason reason);
}
