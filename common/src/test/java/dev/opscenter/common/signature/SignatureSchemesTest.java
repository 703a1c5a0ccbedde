package dev.opscenter.common.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.opscenter.common.crypto.Hmac;
import dev.opscenter.common.signature.Verification.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Signature schemes against published vectors (GitHub's and Standard Webhooks' documentation) and vectors computed
 * independently with {@code openssl dgst -hmac} (Stripe, generic), plus every way a signature can be wrong.
 */
class SignatureSchemesTest {
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Reason reason(Verification v) {
        return assertInstanceOf(Verification.Rejected.class, v).reason();
    }

    // GitHub docs: "Validating webhook deliveries", test values
    @Test
    void gitHubDocumentedVectorVerifies() {
        String header = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
        assertEquals(
                Verification.VERIFIED,
                GitHubSignature.verify("It's a Secret to Everybody", utf8("Hello, World!"), header));
        assertEquals(header, GitHubSignature.sign("It's a Secret to Everybody", utf8("Hello, World!")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            value = {
                "missing header       | NULL                                                                     | MISSING_SIGNATURE",
                "sha1 prefix          | sha1=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17   | MALFORMED_SIGNATURE",
                "not hex              | sha256=zz                                                                | MALFORMED_SIGNATURE",
                "one digit changed    | sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e18 | SIGNATURE_MISMATCH",
                "truncated            | sha256=757107ea0eb2509fc211221cce984b8a                                 | SIGNATURE_MISMATCH"
            })
    void gitHubRejects(String name, String header, Reason expected) {
        assertEquals(
                expected, reason(GitHubSignature.verify("It's a Secret to Everybody", utf8("Hello, World!"), header)));
    }

    @Test
    void gitHubRejectsAlteredBody() {
        String header = GitHubSignature.sign("s3cret-value", utf8("{\"a\":1}"));
        assertEquals(
                Reason.SIGNATURE_MISMATCH, reason(GitHubSignature.verify("s3cret-value", utf8("{\"a\":2}"), header)));
    }

    // computed with: printf '%s' '1492774577.<body>' | openssl dgst -sha256 -hmac whsec_test_secret
    private static final String STRIPE_BODY = "{\"id\":\"evt_test_webhook\",\"object\":\"event\"}";
    private static final String STRIPE_V1 = "88a022085c6bdb887b02cb26ff76dd681234d9675c0f22844059f55552a8883a";
    private static final Instant STRIPE_T = Instant.ofEpochSecond(1492774577);

    @Test
    void stripeVerifiesIndependentVector() {
        String header = "t=1492774577,v1=" + STRIPE_V1;
        assertEquals(
                Verification.VERIFIED,
                StripeSignature.verify(
                        "whsec_test_secret", utf8(STRIPE_BODY), header, STRIPE_T.plusSeconds(10), FIVE_MINUTES));
        assertEquals(header, StripeSignature.sign("whsec_test_secret", utf8(STRIPE_BODY), STRIPE_T));
    }

    @Test
    void stripeAcceptsAnyOfSeveralV1WhileSecretRolls() {
        String header = "t=1492774577,v1=" + "0".repeat(64) + ",v0=abc,v1=" + STRIPE_V1;
        assertEquals(
                Verification.VERIFIED,
                StripeSignature.verify("whsec_test_secret", utf8(STRIPE_BODY), header, STRIPE_T, FIVE_MINUTES));
    }

    @Test
    void aStaleTimestampCarriesItsSkewBothWays() {
        String header = "t=1492774577,v1=" + STRIPE_V1;
        Verification late = StripeSignature.verify(
                "whsec_test_secret", utf8(STRIPE_BODY), header, STRIPE_T.plusSeconds(301), FIVE_MINUTES);
        assertEquals(Duration.ofSeconds(301), ((Verification.Rejected) late).skew(), "signed 301 s ago");
        Verification early = StripeSignature.verify(
                "whsec_test_secret", utf8(STRIPE_BODY), header, STRIPE_T.minusSeconds(400), FIVE_MINUTES);
        assertEquals(Duration.ofSeconds(-400), ((Verification.Rejected) early).skew(), "signed 400 s ahead");
        Verification mismatch = StripeSignature.verify(
                "whsec_test_secret", utf8(STRIPE_BODY), "t=1492774577,v1=" + "0".repeat(64), STRIPE_T, FIVE_MINUTES);
        assertEquals(null, ((Verification.Rejected) mismatch).skew(), "no skew for a signature mismatch");
    }

    @Test
    void rejectsStaleStripeTimestamp() {
        String header = "t=1492774577,v1=" + STRIPE_V1;
        assertEquals(
                Reason.STALE_TIMESTAMP,
                reason(StripeSignature.verify(
                        "whsec_test_secret",
                        utf8(STRIPE_BODY),
                        header,
                        STRIPE_T.plus(Duration.ofMinutes(5)).plusSeconds(1),
                        FIVE_MINUTES)));
        assertEquals(
                Reason.STALE_TIMESTAMP,
                reason(StripeSignature.verify(
                        "whsec_test_secret",
                        utf8(STRIPE_BODY),
                        header,
                        STRIPE_T.minus(Duration.ofMinutes(6)),
                        FIVE_MINUTES)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            value = {
                "missing header   | NULL                                  | MISSING_SIGNATURE",
                "no timestamp     | v1=abcd                               | MALFORMED_SIGNATURE",
                "no v1            | t=1492774577,v0=abcd                  | MISSING_SIGNATURE",
                "bad timestamp    | t=soon,v1=abcd                        | MALFORMED_SIGNATURE",
                "wrong signature  | t=1492774577,v1=0000000000000000      | SIGNATURE_MISMATCH",
                "timestamp moved  | t=1492774578,v1=" + STRIPE_V1 + "     | SIGNATURE_MISMATCH"
            })
    void stripeRejects(String name, String header, Reason expected) {
        assertEquals(
                expected,
                reason(StripeSignature.verify("whsec_test_secret", utf8(STRIPE_BODY), header, STRIPE_T, FIVE_MINUTES)));
    }

    // Standard Webhooks reference test vector (the specification's libraries' tests)
    private static final String SW_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SW_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final Instant SW_T = Instant.ofEpochSecond(1614265330);
    private static final byte[] SW_BODY = utf8("{\"test\": 2432232314}");
    private static final String SW_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static Headers headers(String id, String timestamp, String signature) {
        Map<String, String> h = new java.util.HashMap<>();
        if (id != null) {
            h.put("webhook-id", id);
        }
        if (timestamp != null) {
            h.put("webhook-timestamp", timestamp);
        }
        if (signature != null) {
            h.put("webhook-signature", signature);
        }
        return name -> Optional.ofNullable(h.get(name.toLowerCase(java.util.Locale.ROOT)));
    }

    @Test
    void standardWebhooksPublishedVectorVerifies() {
        assertEquals(SW_SIGNATURE, StandardWebhooks.sign(SW_SECRET, SW_ID, SW_T, SW_BODY));
        assertEquals(
                Verification.VERIFIED,
                StandardWebhooks.verify(
                        SW_SECRET, SW_BODY, headers(SW_ID, "1614265330", SW_SIGNATURE), SW_T, FIVE_MINUTES));
    }

    @Test
    void standardWebhooksAcceptsOneMatchAmongSeveralSignatures() {
        String list = "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v1a,irrelevant " + SW_SIGNATURE;
        assertEquals(
                Verification.VERIFIED,
                StandardWebhooks.verify(SW_SECRET, SW_BODY, headers(SW_ID, "1614265330", list), SW_T, FIVE_MINUTES));
    }

    @Test
    void standardWebhooksRejectsStaleAndFutureTimestamps() {
        Headers h = headers(SW_ID, "1614265330", SW_SIGNATURE);
        assertEquals(
                Reason.STALE_TIMESTAMP,
                reason(StandardWebhooks.verify(SW_SECRET, SW_BODY, h, SW_T.plusSeconds(301), FIVE_MINUTES)));
        assertEquals(
                Reason.STALE_TIMESTAMP,
                reason(StandardWebhooks.verify(SW_SECRET, SW_BODY, h, SW_T.minusSeconds(301), FIVE_MINUTES)));
    }

    @Test
    void standardWebhooksRejectsMissingHeadersWrongIdAndWrongSecret() {
        assertEquals(
                Reason.MISSING_SIGNATURE,
                reason(StandardWebhooks.verify(
                        SW_SECRET, SW_BODY, headers(SW_ID, "1614265330", null), SW_T, FIVE_MINUTES)));
        assertEquals(
                Reason.SIGNATURE_MISMATCH,
                reason(StandardWebhooks.verify(
                        SW_SECRET, SW_BODY, headers("msg_other", "1614265330", SW_SIGNATURE), SW_T, FIVE_MINUTES)));
        assertEquals(
                Reason.SIGNATURE_MISMATCH,
                reason(StandardWebhooks.verify(
                        "whsec_" + "QUJDREVGR0hJSktMTU5PUFFSU1RVVldY",
                        SW_BODY,
                        headers(SW_ID, "1614265330", SW_SIGNATURE),
                        SW_T,
                        FIVE_MINUTES)));
        assertEquals(
                Reason.MALFORMED_SIGNATURE,
                reason(StandardWebhooks.verify(
                        SW_SECRET, SW_BODY, headers(SW_ID, "yesterday", SW_SIGNATURE), SW_T, FIVE_MINUTES)));
    }

    // computed with openssl dgst -sha512 -hmac generic-secret -binary | base64, and -md5 -hmac generic-secret
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "sha512 base64 with prefix | sha512 | BASE64 | sha512= | sha512=BHBB63kQNdv5mn+GkQ1MbhYxnSwb4AHbpIg1BSX9XKzR8UloBMzFDXcyTfgrgAUmxto4KJWWCi9+9eIonw29fQ==",
                "md5 hex                   | md5    | HEX    | ''      | 6e8ede5309f7873c493e1827dfdf9efc",
                "md5 upper-case hex        | md5    | HEX    | ''      | 6E8EDE5309F7873C493E1827DFDF9EFC"
            })
    void genericVerifiesConfiguredScheme(
            String name, String algorithm, GenericSignature.Encoding encoding, String prefix, String header) {
        GenericSignature scheme = new GenericSignature("X-Signature", Hmac.parse(algorithm), encoding, prefix);
        assertEquals(
                Verification.VERIFIED, scheme.verify("generic-secret", utf8("{\"event\":\"backup.failed\"}"), header));
    }

    @Test
    void genericRejectsMissingPrefixAndWrongSignature() {
        GenericSignature scheme = new GenericSignature("X-Sig", Hmac.SHA256, GenericSignature.Encoding.HEX, "sha256=");
        byte[] body = utf8("{}");
        String good = scheme.sign("generic-secret", body);
        assertEquals(Verification.VERIFIED, scheme.verify("generic-secret", body, good));
        assertEquals(
                Reason.MALFORMED_SIGNATURE,
                reason(scheme.verify("generic-secret", body, good.substring("sha256=".length()))));
        assertEquals(Reason.SIGNATURE_MISMATCH, reason(scheme.verify("other-secret", body, good)));
        assertEquals(Reason.MISSING_SIGNATURE, reason(scheme.verify("generic-secret", body, "")));
    }
}
