package dev.opscenter.common.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** LogFields sets the ids for the work in hand and leaves the thread as it found it. */
class LogFieldsTest {

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void fieldsAreSetUntilClosedThenRemoved() {
        try (LogFields fields = LogFields.with(LogFields.EVENT_ID, 42L).and(LogFields.SOURCE, "gh")) {
            assertEquals("42", MDC.get(LogFields.EVENT_ID));
            assertEquals("gh", MDC.get(LogFields.SOURCE));
        }

        assertNull(MDC.get(LogFields.EVENT_ID));
        assertNull(MDC.get(LogFields.SOURCE));
    }

    @Test
    void closingAnInnerScopePutsBackTheOuterValues() {
        try (LogFields outer = LogFields.with(LogFields.EVENT_ID, 1L)) {
            try (LogFields inner = LogFields.with(LogFields.EVENT_ID, 2L).and(LogFields.DELIVERY_ID, 7L)) {
                assertEquals("2", MDC.get(LogFields.EVENT_ID));
            }

            assertEquals("1", MDC.get(LogFields.EVENT_ID));
            assertNull(MDC.get(LogFields.DELIVERY_ID));
        }
    }

    @Test
    void aFieldAddedTwiceInOneScopeIsStillRemovedOnClose() {
        try (LogFields fields = LogFields.with(LogFields.EVENT_ID, 1L)) {
            fields.and(LogFields.EVENT_ID, 2L);
            assertEquals("2", MDC.get(LogFields.EVENT_ID));
        }

        assertNull(MDC.get(LogFields.EVENT_ID));
    }

    @Test
    void aNullValueSetsNothing() {
        try (LogFields fields = LogFields.with(LogFields.SOURCE, null)) {
            assertNull(MDC.get(LogFields.SOURCE));
        }
    }
}
