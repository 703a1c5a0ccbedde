package dev.opscenter.realtime.catchup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FeedIdTest {

    @Test
    void parsesMillisAndSequence() {
        assertEquals(Optional.of(new FeedId(1_700_000_000_000L, 7)), FeedId.parse("1700000000000-7"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "-",
                "1700000000000",
                "1700000000000-",
                "-0",
                "17x-0",
                "1-2-3",
                "+1-0",
                "1--1",
                " 1-0",
                "99999999999999999999-0"
            })
    void rejectsWhatIsNotAStreamId(String text) {
        assertTrue(FeedId.parse(text).isEmpty(), text);
    }

    @Test
    void ordersAsNumberPairsNotAsText() {
        List<FeedId> ids = new ArrayList<>(
                List.of(FeedId.of("10-0"), FeedId.of("9-1"), FeedId.of("9-0"), FeedId.of("10-10"), FeedId.of("10-2")));
        Collections.shuffle(ids);
        Collections.sort(ids);
        assertEquals(
                List.of("9-0", "9-1", "10-0", "10-2", "10-10"),
                ids.stream().map(FeedId::toString).toList());
    }

    @Test
    void printsAsRedisWritesIt() {
        assertEquals("1700000000000-12", FeedId.of("1700000000000-12").toString());
    }
}
