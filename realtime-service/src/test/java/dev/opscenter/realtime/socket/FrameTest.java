package dev.opscenter.realtime.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.realtime.BatchText;
import dev.opscenter.realtime.catchup.FeedId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameTest {

    @Test
    void joinsFramesIntoOneBatchThatIsValidJsonInOrder() {
        Frame joined = single(Frame.join(List.of(alert("1-0"), alert("2-0"), Frame.RESYNC, alert("3-0"))));

        assertEquals(
                List.of(
                        alert("1-0").text(),
                        alert("2-0").text(),
                        Frame.RESYNC.text(),
                        alert("3-0").text()),
                BatchText.messages(joined.text()));
        assertEquals(FeedId.of("3-0"), joined.feedId());
        assertEquals(3, joined.messages(), "the resync is not a live message");
        assertEquals(Frame.Kind.LIVE, joined.kind());
    }

    @Test
    void aBatchWithAHeartbeatIsTimedLikeOne() {
        Frame joined = single(Frame.join(List.of(alert("1-0"), Frame.heartbeat(Instant.ofEpochMilli(7)))));

        assertEquals(Frame.Kind.HEARTBEAT, joined.kind());
    }

    @Test
    void aFrameAloneIsSentAsItIs() {
        Frame alone = alert("1-0");

        assertSame(alone, single(Frame.join(List.of(alone))));
    }

    @Test
    void aMessageThatIsNotJsonIsNeverPutInABatch() {
        Frame opaque = Frame.opaque("not json");

        List<Frame> joined = Frame.join(List.of(alert("1-0"), alert("2-0"), opaque, alert("3-0")));

        assertEquals(3, joined.size());
        assertTrue(joined.get(0).text().startsWith(BatchText.PREFIX));
        assertSame(opaque, joined.get(1));
        assertEquals(alert("3-0").text(), joined.get(2).text());
    }

    @Test
    void splitsBatchesAtTheSizeLimitKeepingEveryMessageOnceInOrder() {
        List<Frame> frames = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            frames.add(Frame.live(
                    "{\"type\":\"alert\",\"id\":\"" + i + "-0\",\"pad\":\"" + "x".repeat(500) + "\"}",
                    FeedId.of(i + "-0")));
        }

        List<Frame> joined = Frame.join(frames);

        assertTrue(joined.size() > 1);
        List<String> messages = new ArrayList<>();
        for (Frame frame : joined) {
            assertTrue(frame.utf8().length <= Frame.MAX_BATCH_BYTES + 64, "batch of " + frame.utf8().length + " bytes");
            messages.addAll(BatchText.messages(frame.text()));
        }
        assertEquals(frames.stream().map(Frame::text).toList(), messages);
        assertEquals(300, joined.stream().mapToInt(Frame::messages).sum());
    }

    static Frame alert(String id) {
        return Frame.live("{\"type\":\"alert\",\"id\":\"" + id + "\",\"data\":{\"title\":\"a, {b}\"}}", FeedId.of(id));
    }

    private static Frame single(List<Frame> frames) {
        assertEquals(1, frames.size(), frames.toString());
        return frames.get(0);
    }
}
