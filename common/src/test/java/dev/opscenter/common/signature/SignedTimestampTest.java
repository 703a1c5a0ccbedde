package dev.opscenter.common.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.opscenter.common.crypto.Hmac;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A generic scheme with a signed timestamp, checked against Slack's published example request. */
class SignedTimestampTest {
    // from Slack's "Verifying requests from Slack" (api.slack.com/authentication/verifying-requests-from-slack),
    // re-computed with: printf 'v0:1531420618:%s' "$BODY" | openssl dgst -sha256 -hmac 8f742231b10e8888abcd99yyyzzz85a5
    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String SENT_AT = "1531420618";
    private static final byte[] BODY =
            ("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
                            + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url="
                            + "https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
                            + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c")
                    .getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    private static final GenericSignature SLACK = new GenericSignature(
            "X-Slack-Signature",
            Hmac.SHA256,
            GenericSignature.Encoding.HEX,
            "v0=",
            new SignedTimestamp("X-Slack-Request-Timestamp", "v0:{timestamp}:{body}", Duration.ofMinutes(5)));
    private static final Instant SOON_AFTER = Instant.ofEpochSecond(Long.parseLong(SENT_AT) + 60);

    private static Headers headers(Map<String, String> values) {
        return name -> Optional.ofNullable(values.get(name));
    }

    private static Verification verify(Map<String, String> values, Instant now) {
        return SLACK.verify(SECRET, BODY, headers(values), now);
    }

    @Test
    void verifiesSlacksExampleRequest() {
        assertEquals(
                Verification.VERIFIED,
                verify(Map.of("X-Slack-Signature", SIGNATURE, "X-Slack-Request-Timestamp", SENT_AT), SOON_AFTER));
    }

    @Test
    void rejectsTheSameRequestOnceStale() {
        Verification v = verify(
                Map.of("X-Slack-Signature", SIGNATURE, "X-Slack-Request-Timestamp", SENT_AT),
                SOON_AFTER.plus(Duration.ofMinutes(10)));

        assertEquals(
                Verification.Reason.STALE_TIMESTAMP,
                assertInstanceOf(Verification.Rejected.class, v).reason());
    }

    @Test
    void rejectsAFreshTimestampTheSignatureDoesNotCover() {
        String now = Long.toString(SOON_AFTER.getEpochSecond());

        Verification v = verify(Map.of("X-Slack-Signature", SIGNATURE, "X-Slack-Request-Timestamp", now), SOON_AFTER);

        assertEquals(
                Verification.Reason.SIGNATURE_MISMATCH,
                assertInstanceOf(Verification.Rejected.class, v).reason());
    }

    @Test
    void rejectsAMissingTimestamp() {
        Verification v = verify(Map.of("X-Slack-Signature", SIGNATURE), SOON_AFTER);

        assertEquals(
                Verification.Reason.MISSING_SIGNATURE,
                assertInstanceOf(Verification.Rejected.class, v).reason());
    }

    @Test
    void signsWhatItVerifies() {
        assertEquals(SIGNATURE, SLACK.sign(SECRET, BODY, Instant.ofEpochSecond(Long.parseLong(SENT_AT))));
    }

    @Test
    void refusesAFormatWithoutBothPlaceholders() {
        assertThrows(
                IllegalArgumentException.class, () -> new SignedTimestamp("X-T", "{timestamp}", Duration.ofMinutes(5)));
        assertThrows(
                IllegalArgumentException.class,
                () -> new SignedTimestamp("X-T", "{body}{body}{timestamp}", Duration.ofMinutes(5)));
    }
}
