package dev.opscenter.realtime;

import dev.opscenter.common.testing.LogEscapingContract;

/** This service's text log keeps one event on one line whatever the logged values contain. */
class LogEscapingTest extends LogEscapingContract {
    LogEscapingTest() {
        super("console");
    }
}
