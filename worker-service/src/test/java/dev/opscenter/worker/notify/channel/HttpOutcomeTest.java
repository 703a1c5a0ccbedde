package dev.opscenter.worker.notify.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.net.RefusedAddressException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpOutcomeTest {
    private final HttpOutcome outcome = new HttpOutcome(PeerServer.CLOCK);

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "200, Sent",
        "201, Sent",
        "202, Sent",
        "204, Sent",
        "301, Permanent",
        "302, Permanent",
        "400, Permanent",
        "401, Permanent",
        "403, Permanent",
        "404, Permanent",
        "410, Permanent",
        "413, Permanent",
        "422, Permanent",
        "408, Retryable",
        "425, Retryable",
        "429, Retryable",
        "500, Retryable",
        "502, Retryable",
        "503, Retryable",
        "504, Retryable"
    })
    void classifiesStatus(int status, String expected) {
        SendResult result = outcome.classify(status, null, "text");
        assertEquals(expected, result.getClass().getSimpleName());
    }

    @ParameterizedTest(name = "Retry-After ''{0}'' waits {1} s")
    @CsvSource(
            value = {
                "120 => 120",
                "0 => 0",
                "3600 => 3600",
                "7200 => 3600",
                "99999999999999 => 3600",
                "' 30 ' => 30",
                "Sat, 01 Mar 2025 12:01:30 GMT => 90",
                "Sat, 01 Mar 2025 11:00:00 GMT => 0",
                "Sat, 01 Mar 2025 15:00:00 GMT => 3600",
                "soon =>",
                "-5 =>",
                "'' =>"
            },
            delimiterString = "=>")
    void readsRetryAfter(String header, Long seconds) {
        Duration wait = outcome.retryAfter(header);
        if (seconds == null) {
            assertNull(wait);
        } else {
            assertEquals(Duration.ofSeconds(seconds), wait);
        }
    }

    @Test
    void retryableStatusCarriesTheRequestedWait() {
        String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(PeerServer.CLOCK).plusMinutes(2));
        SendResult.Retryable r =
                assertInstanceOf(SendResult.Retryable.class, outcome.classify(503, inTwoMinutes, "maintenance"));
        assertEquals(Duration.ofMinutes(2), r.after());
        assertEquals(503, r.responseCode());
        assertEquals("HTTP 503: maintenance", r.error());
    }

    @Test
    void successKeepsTheDetail() {
        assertEquals(new SendResult.Sent(200, "ok"), outcome.classify(200, "60", "ok"));
    }

    @Test
    void permanentStatusIgnoresRetryAfter() {
        assertEquals(
                new SendResult.Permanent(400, "HTTP 400: invalid_payload"),
                outcome.classify(400, "60", "invalid_payload"));
    }

    @Test
    void everyFailureWithoutAReplyReadsTheSame() {
        SendResult.Retryable timeout = assertInstanceOf(
                SendResult.Retryable.class, outcome.failure(new HttpTimeoutException("request timed out")));
        SendResult.Retryable refused = assertInstanceOf(
                SendResult.Retryable.class, outcome.failure(new ConnectException("Connection refused")));
        assertNull(timeout.responseCode());
        assertEquals(HttpOutcome.NO_REPLY, timeout.error());
        assertEquals(timeout.error(), refused.error(), "a closed port must not read differently from a filtered one");
    }

    @Test
    void refusedDestinationIsPermanent() {
        SendResult.Permanent p = assertInstanceOf(
                SendResult.Permanent.class,
                outcome.failure(new RefusedAddressException("metadata.internal", "a link-local address")));
        assertEquals("destination not allowed: the host resolves to a link-local address", p.error());
    }

    @Test
    void withoutProviderTextTheStandardReasonIsTheError() {
        assertEquals(new SendResult.Permanent(404, "HTTP 404 Not Found"), outcome.classify(404, null, null));
    }

    @Test
    void providerTextIsCutAndLosesLineBreaks() {
        SendResult.Permanent p = assertInstanceOf(
                SendResult.Permanent.class, outcome.classify(400, null, "bad\r\nX-Injected: 1" + "y".repeat(500)));
        assertTrue(p.error().startsWith("HTTP 400: bad X-Injected: 1y"), p.error());
        assertTrue(p.error().length() <= "HTTP 400: ".length() + HttpOutcome.MAX_REASON, p.error());
    }
}
