package dev.opscenter.realtime.socket;

import java.util.List;

/**
 * Round is what one event loop hands its sockets at once: the frames broadcast since its last round, in order, and
 * their {@linkplain Frame#join joined} form, built (and copied off-heap) once for every socket of the loop.
 */
final class Round {
    private final List<Frame> frames;
    private List<Frame> joined;

    Round(List<Frame> frames) {
        this.frames = frames;
    }

    List<Frame> frames() {
        return frames;
    }

    /** The frames joined, built on first use; a round is used on its loop's thread only. */
    List<Frame> joined() {
        if (joined == null) {
            joined = Frame.join(frames);
            joined.forEach(Frame::shareOffHeap);
        }
        return joined;
    }
}
