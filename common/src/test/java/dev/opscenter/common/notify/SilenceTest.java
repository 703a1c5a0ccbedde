package dev.opscenter.common.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.opscenter.common.alert.AlertMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SilenceTest {
    static final Instant NOW = Instant.parse("2026-12-03T01:00:00Z");
    static final AlertMessage ALERT = new AlertMessage(
            1,
            2,
            3L,
            null,
            "github",
            "GitHub",
            "workflow_run",
            "CI failed on main",
            "Build 42 FAILED",
            "error",
            Map.of(),
            false,
            NOW,
            AlertMessage.OPEN,
            null,
            null,
            null,
            null);

    private static Silence silence(
            String source, String type, String severities, String text, Instant from, Instant to) {
        return new Silence(
                1,
                source,
                type,
                severities == null ? null : List.of(severities.split(" ")),
                text,
                "maintenance",
                "admin token",
                from,
                to,
                from,
                from);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            nullValues = "-",
            value = {
                "source matches,               github, -,             -,              -,           true",
                "another source,               stripe, -,             -,              -,           false",
                "type glob,                    -,      workflow_*,    -,              -,           true",
                "type glob of another type,    -,      push,          -,              -,           false",
                "severity listed,              -,      -,             warning error,  -,           true",
                "severity not listed,          -,      -,             critical,       -,           false",
                "text in the title any case,   -,      -,             -,              ci FAILED,   true",
                "text in the message,          -,      -,             -,              build 42,    true",
                "text nowhere,                 -,      -,             -,              deploy,      false",
                "every matcher holds,          github, workflow_run,  error,          main,        true",
                "one matcher of several fails, github, workflow_run,  critical,       main,        false",
            })
    void mutesWhenEveryMatcherThatIsSetHolds(
            String name, String source, String type, String severities, String text, boolean mutes) {
        assertEquals(
                mutes,
                silence(source, type, severities, text, NOW, NOW.plus(Duration.ofHours(1)))
                        .mutes(ALERT, NOW));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "not started yet,   60,   120,  false",
        "in force,         -60,    60,  true",
        "starts right now,   0,    60,  true",
        "ended right now,  -60,     0,  false",
    })
    void mutesOnlyWhileInForce(String name, long fromSeconds, long toSeconds, boolean mutes) {
        Silence s = silence("github", null, null, null, NOW.plusSeconds(fromSeconds), NOW.plusSeconds(toSeconds));
        assertEquals(mutes, s.mutes(ALERT, NOW));
    }
}
