package dev.opscenter.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FanoutProgressTest {

    @Test
    void readsTheFirstFanoutOfThePage() {
        FanoutProgress p = FanoutProgress.parse("""
                {"items":[{"id":3,"eventId":91,"ruleId":7,"groupId":2,"total":10000,"created":4500,"status":"running",
                "createdAt":"2026-11-27T10:00:00.250Z","updatedAt":"2026-11-27T10:00:02Z"}],"nextBefore":null}""").orElseThrow();
        assertEquals(10000, p.total());
        assertEquals(4500, p.created());
        assertFalse(p.done());
        assertEquals(Duration.ofMillis(1750), p.span());
    }

    @Test
    void doneWhenStatusDoneAndEveryRowCreated() {
        String page = """
                {"items":[{"id":3,"eventId":91,"ruleId":7,"groupId":2,"total":2,"created":2,"status":"done",\
                "createdAt":"2026-11-27T10:00:00Z","updatedAt":"2026-11-27T10:00:01Z"}],"nextBefore":null}""";
        assertTrue(FanoutProgress.parse(page).orElseThrow().done());
    }

    @Test
    void emptyPageMeansNotStartedYet() {
        assertEquals(Optional.empty(), FanoutProgress.parse("{\"items\":[],\"nextBefore\":null}"));
    }
}
