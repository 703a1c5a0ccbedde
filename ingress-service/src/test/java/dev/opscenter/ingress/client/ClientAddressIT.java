package dev.opscenter.ingress.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.signature.GitHubSignature;
import dev.opscenter.common.vocabulary.SourceKind;
import dev.opscenter.ingress.IngressIT;
import dev.opscenter.ingress.IngressTestClient.Reply;
import dev.opscenter.ingress.source.SourceRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** With no trusted proxy configured (the default), a forwarding header cannot change the stored client address. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientAddressIT extends IngressIT {
    private static final String SECRET = "client-address-test-secret";

    @Inject
    SourceRepository sources;

    @Test
    void storesTheSocketAddressWhateverXForwardedForSays() throws SQLException {
        sources.insert("GitHub", "gh-addr", SourceKind.GITHUB, SECRET, Map.of(), true);
        String body = "{\"zen\":\"hi\"}";

        Reply reply = client.post(
                "/api/webhooks/gh-addr",
                body,
                Map.of(
                        "Content-Type", "application/json",
                        "X-GitHub-Event", "ping",
                        "X-GitHub-Delivery", "addr-1",
                        "X-Forwarded-For", "6.6.6.6, 10.0.0.1",
                        "X-Hub-Signature-256", GitHubSignature.sign(SECRET, body.getBytes(StandardCharsets.UTF_8))));

        assertEquals(202, reply.status(), reply.body());
        String stored = clientIp("addr-1");
        assertTrue(Set.of("127.0.0.1", "0:0:0:0:0:0:0:1").contains(stored), stored);
    }

    private String clientIp(String delivery) throws SQLException {
        try (Connection c = env.connection();
                Statement s = c.createStatement();
                ResultSet r =
                        s.executeQuery("SELECT client_ip FROM webhook_events WHERE delivery_id = '" + delivery + "'")) {
            r.next();
            return r.getString(1);
        }
    }
}
