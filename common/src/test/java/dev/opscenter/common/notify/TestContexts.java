package dev.opscenter.common.notify;

import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Contexts and conditions written as JSON and read the way the services read them, so tests see the same types. */
final class TestContexts {
    private static final JsonMapper JSON = JsonMapper.createDefault();

    /** A Stripe-like failed charge with every kind of value the operators care about. */
    static final Map<String, Object> CHARGE = map("""
            {"alert": {"id": 7, "title": "Payment failed", "severity": "error", "source": "stripe"},
             "event": {"id": 42, "type": "charge.failed", "source": "stripe", "deliveryId": "evt_1",
                       "receivedAt": "2024-05-01T10:00:00Z"},
             "payload": {"amount": 1500, "ratio": 1.0, "fee": 19.5, "price": "19.99", "currency": "usd",
                         "livemode": false, "note": null, "tags": ["vip", "eu"], "codes": [1, 2, 3],
                         "customer": {"email": "a@example.com", "name": "Ann <admin>"},
                         "items": [{"sku": "A-1", "qty": 2}, {"sku": "B-2", "qty": 1}],
                         "a.b": "dotted", "created": "2024-05-01T09:59:00+00:00",
                         "quote": "say \\"hi\\"\\n", "echo": "{{alert.title}}"}}
            """);

    private TestContexts() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(String json) {
        return (Map<String, Object>) read(json);
    }

    static Object read(String json) {
        try {
            return JSON.readValue(json, Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
