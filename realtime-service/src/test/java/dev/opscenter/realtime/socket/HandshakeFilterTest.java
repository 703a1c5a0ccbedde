package dev.opscenter.realtime.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.problem.Problem;
import dev.opscenter.common.session.LiveTickets;
import io.lettuce.core.RedisConnectionException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class HandshakeFilterTest {
    private static final String ADMIN_TOKEN = "s3cret-token";

    private final List<String> asked = new ArrayList<>();

    @Test
    void aTicketItsStoredValueAdmitsNamesTheViewer() {
        MutableHttpRequest<?> request = upgrade("/ws?ticket=abc");

        HttpResponse<?> answer = filter(hash -> {
                    asked.add(hash);
                    return LiveTickets.value("viewer", "Ada Lovelace");
                })
                .check(request);

        assertNull(answer, "admitted");
        assertEquals(List.of(LiveTickets.hash("abc")), asked, "only the hash is looked up");
        assertEquals(
                "Ada Lovelace",
                request.getUserPrincipal().map(Principal::getName).orElseThrow());
    }

    @Test
    void redisDownIs503NeverAnAdmission() {
        HttpResponse<?> answer = filter(hash -> {
                    throw new RedisConnectionException("Connection refused");
                })
                .check(upgrade("/ws?ticket=abc"));

        assertEquals(503, answer.code());
        assertEquals(Problem.MEDIA_TYPE, answer.getContentType().orElseThrow().toString());
    }

    @Test
    void anOverLongTicketIsRefusedWithoutAskingRedis() {
        HttpResponse<?> answer =
                filter(this::remember).check(upgrade("/ws?ticket=" + "t".repeat(LiveTickets.MAX_LENGTH + 1)));

        assertEquals(401, answer.code());
        assertTrue(asked.isEmpty(), "Redis was asked: " + asked);
    }

    @Test
    void anEmptyTicketIsRefusedWithoutAskingRedis() {
        assertEquals(401, filter(this::remember).check(upgrade("/ws?ticket=")).code());
        assertTrue(asked.isEmpty(), "Redis was asked: " + asked);
    }

    @Test
    void theAdminTokenHeaderAdmitsWithoutAskingRedis() {
        MutableHttpRequest<?> request = upgrade("/ws").bearerAuth(ADMIN_TOKEN);

        assertNull(filter(this::remember).check(request));
        assertTrue(asked.isEmpty(), "Redis was asked: " + asked);
        assertEquals(
                AdminToken.VIEWER,
                request.getUserPrincipal().map(Principal::getName).orElseThrow());
    }

    @Test
    void theAdminTokenInTheQueryIsRefused() {
        assertEquals(
                401,
                filter(this::remember)
                        .check(upgrade("/ws?token=" + ADMIN_TOKEN))
                        .code());
    }

    @Test
    void aWrongHeaderIsRefused() {
        assertEquals(
                401,
                filter(this::remember)
                        .check(upgrade("/ws").bearerAuth(ADMIN_TOKEN + "x"))
                        .code());
    }

    @Test
    void plainRequestsElsewherePass() {
        assertNull(filter(this::remember).check(HttpRequest.GET("/health")));
    }

    private String remember(String hash) {
        asked.add(hash);
        return null;
    }

    private static HandshakeFilter filter(UnaryOperator<String> getAndDelete) {
        return new HandshakeFilter(new AdminToken(ADMIN_TOKEN), new Tickets(getAndDelete));
    }

    private static MutableHttpRequest<?> upgrade(String target) {
        return HttpRequest.GET(target)
                .header("Upgrade", "websocket")
                .header("Connection", "Upgrade")
                .header("Sec-WebSocket-Key", "b3BzY2VudGVyLXRlc3Qta2V5");
    }
}
