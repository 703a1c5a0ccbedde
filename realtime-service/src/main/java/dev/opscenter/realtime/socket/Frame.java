package dev.opscenter.realtime.socket;

import dev.opscenter.common.alert.LiveMessage;
import dev.opscenter.realtime.catchup.FeedId;
import io.micronaut.core.annotation.Nullable;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Frame is one text message for the sockets, encoded once: every socket writes the same bytes. A frame written to
 * many sockets is first {@linkplain #shareOffHeap() copied off-heap once}, so that even queued for 10,000 slow sockets
 * it is one copy of its bytes. Frames
 * handed to a socket together are {@linkplain #join joined} into one {@code batch} message, so a socket costs one
 * write per round however many messages it carries.
 */
public final class Frame {

    /** What a frame is for: live messages are counted, heartbeats also time the connection. */
    public enum Kind {
        LIVE,
        HEARTBEAT,
        CONTROL
    }

    /** Largest batch, in bytes of text: more messages than fit go in further frames. */
    static final int MAX_BATCH_BYTES = 64 * 1024;

    private final byte[] utf8;

    @Nullable
    private final FeedId feedId;

    private final Kind kind;
    private final int messages;
    private final boolean json;
    // the bytes off-heap, for a frame many sockets write; null for a frame that one socket writes
    private volatile ByteBuffer offHeap;

    /**
     * @param utf8     the text as UTF-8, sent unchanged; never modified after construction
     * @param feedId   the newest feed id the frame carries, used to send each feed entry at most once; null if none
     * @param kind     what the frame is for
     * @param messages live messages in the frame (a batch carries several)
     * @param json     whether the text is a JSON object and so may go inside a batch
     */
    Frame(byte[] utf8, @Nullable FeedId feedId, Kind kind, int messages, boolean json) {
        this.utf8 = utf8;
        this.feedId = feedId;
        this.kind = kind;
        this.messages = messages;
        this.json = json;
    }

    private static final byte[] BATCH_START = bytes(LiveMessage.BATCH_PREFIX);
    private static final byte[] BATCH_END = bytes("]}");

    /** Tells the page it missed messages the socket cannot replay, so it must reload its lists over REST. */
    public static final Frame RESYNC = new Frame(bytes("{\"type\":\"resync\"}"), null, Kind.CONTROL, 0, true);

    /** A live message as received, a JSON object; feedId is null when the message has no readable id. */
    public static Frame live(String json, @Nullable FeedId feedId) {
        return new Frame(bytes(json), feedId, Kind.LIVE, 1, true);
    }

    /** A live message that is not JSON this service can read: forwarded as it is, always on its own. */
    public static Frame opaque(String text) {
        return new Frame(bytes(text), null, Kind.LIVE, 1, false);
    }

    /** Lets the page notice a dead socket: if heartbeats stop arriving, it reconnects. */
    static Frame heartbeat(Instant now) {
        return new Frame(
                bytes("{\"type\":\"heartbeat\",\"ts\":" + now.toEpochMilli() + "}"), null, Kind.HEARTBEAT, 0, true);
    }

    /**
     * The frames as few frames as they fit in, in order: runs of JSON frames become one
     * {@code {"type":"batch","messages":[…]}} each (up to {@link #MAX_BATCH_BYTES}); a frame alone stays as it is.
     */
    static List<Frame> join(List<Frame> frames) {
        if (frames.size() < 2) {
            return frames;
        }
        List<Frame> joined = new ArrayList<>();
        List<Frame> run = new ArrayList<>();
        int runBytes = 0;
        for (Frame frame : frames) {
            if (!run.isEmpty() && (!frame.json || runBytes + frame.utf8.length + 1 > MAX_BATCH_BYTES)) {
                joined.add(batch(run));
                run = new ArrayList<>();
                runBytes = 0;
            }
            if (frame.json) {
                run.add(frame);
                runBytes += frame.utf8.length + 1;
            } else {
                joined.add(frame);
            }
        }
        if (!run.isEmpty()) {
            joined.add(batch(run));
        }
        return joined;
    }

    byte[] utf8() {
        return utf8;
    }

    @Nullable
    public FeedId feedId() {
        return feedId;
    }

    public Kind kind() {
        return kind;
    }

    /** Live messages in the frame (a batch carries several). */
    public int messages() {
        return messages;
    }

    /**
     * Copies the bytes to direct memory, once, for many sockets to write from: the transport takes a direct buffer as
     * it is, where it copies a heap array into each socket's own buffer. For frames of a round, which every socket of
     * an event loop writes; a frame for one socket (its catch-up) stays on the heap, its one copy made by the write.
     */
    Frame shareOffHeap() {
        if (offHeap == null) {
            offHeap = ByteBuffer.allocateDirect(utf8.length).put(utf8).flip().asReadOnlyBuffer();
        }
        return this;
    }

    /** The shared off-heap bytes with a position of the caller's own, or null if the frame was not shared. */
    @Nullable
    ByteBuffer offHeap() {
        ByteBuffer bytes = offHeap;
        return bytes == null ? null : bytes.duplicate();
    }

    @Override
    public String toString() {
        return "Frame[" + kind + ", " + messages + " messages, newest " + feedId + "]";
    }

    /** The text, decoded again (for logs and tests). */
    public String text() {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /** Whether a socket that was sent everything up to {@code upTo} already has this frame. */
    boolean coveredBy(@Nullable FeedId upTo) {
        return feedId != null && upTo != null && !feedId.isAfter(upTo);
    }

    /** A run of one or more JSON frames as one frame. */
    private static Frame batch(List<Frame> run) {
        if (run.size() == 1) {
            return run.get(0);
        }
        ByteArrayOutputStream text = new ByteArrayOutputStream(
                run.stream().mapToInt(f -> f.utf8.length + 1).sum() + 32);
        text.writeBytes(BATCH_START);
        FeedId newest = null;
        Kind kind = Kind.CONTROL;
        int messages = 0;
        for (int i = 0; i < run.size(); i++) {
            Frame frame = run.get(i);
            if (i > 0) {
                text.write(',');
            }
            text.writeBytes(frame.utf8);
            if (frame.feedId != null && (newest == null || frame.feedId.isAfter(newest))) {
                newest = frame.feedId;
            }
            kind = stronger(kind, frame.kind);
            messages += frame.messages;
        }
        text.writeBytes(BATCH_END);
        return new Frame(text.toByteArray(), newest, kind, messages, true);
    }

    /** A batch holding a heartbeat times the connection; one holding a live message is counted as live. */
    private static Kind stronger(Kind a, Kind b) {
        if (a == Kind.HEARTBEAT || b == Kind.HEARTBEAT) {
            return Kind.HEARTBEAT;
        }
        return a == Kind.LIVE || b == Kind.LIVE ? Kind.LIVE : Kind.CONTROL;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
