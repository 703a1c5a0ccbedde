package dev.opscenter.worker.relay;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * ReceiverExample is the receiver snippet of docs/relay.md, verbatim between the markers (RelayDocTest holds the two
 * together): how a subscriber checks either signature of a relayed event with nothing but the JDK. The relay tests'
 * receivers verify every request with it.
 */
final class ReceiverExample {
    private ReceiverExample() {}

    // docs/relay.md: begin
    // headers: the request's headers with lower-case names; body: the raw request body, unparsed
    static boolean standardSignatureValid(String secret, Map<String, String> headers, byte[] body, Instant now)
            throws Exception {
        long timestamp = Long.parseLong(headers.get("webhook-timestamp"));
        if (Math.abs(now.getEpochSecond() - timestamp) > 300) {
            return false; // older or newer than 5 minutes: a replay
        }
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        String signed = headers.get("webhook-id") + "." + timestamp + "." + new String(body, StandardCharsets.UTF_8);
        String expected = "v1," + hmacSha256(key, signed.getBytes(StandardCharsets.UTF_8));
        return Stream.of(headers.get("webhook-signature").split(" ")).anyMatch(s -> same(s, expected));
    }

    static boolean plainSignatureValid(String secret, Map<String, String> headers, byte[] body) throws Exception {
        String expected = hmacSha256(secret.getBytes(StandardCharsets.UTF_8), body);
        return Stream.of(headers.get("x-opscenter-signature"), headers.get("x-opscenter-signature-previous"))
                .anyMatch(s -> s != null && same(s, expected));
    }

    static String hmacSha256(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data));
    }

    static boolean same(String a, String b) { // constant time
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
    // docs/relay.md: end
}
