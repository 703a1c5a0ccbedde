package dev.opscenter.ingress.notify.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.opscenter.ingress.IngressIT;
import dev.opscenter.ingress.notify.NotifyClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** /api/recipient-groups and their members over HTTP against real PostgreSQL. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupApiIT extends IngressIT {
    NotifyClient api;

    @BeforeEach
    void setUp() throws SQLException {
        api = new NotifyClient(client, env);
        api.reset();
    }

    private static String recipients(List<String> recipients) {
        return recipients.stream()
                .map(r -> "\"" + r + "\"")
                .collect(Collectors.joining(",", "{\"recipients\":[", "]}"));
    }

    private Map<String, Object> add(long group, List<String> recipients) {
        return api.expect(200, api.call("POST", "/api/recipient-groups/" + group + "/members", recipients(recipients)));
    }

    @Test
    void crudListsMemberCounts() {
        long id = api.create("/api/recipient-groups", "{\"name\":\"on-call\",\"description\":\"who wakes up\"}");
        api.create("/api/recipient-groups", "{\"name\":\"empty\"}");
        add(id, List.of("a@example.com", "b@example.com"));

        List<Map<String, Object>> groups = api.items(api.call("GET", "/api/recipient-groups", null));
        assertEquals(
                List.of("empty", "on-call"),
                groups.stream().map(g -> g.get("name")).toList());
        assertEquals(0, ((Number) groups.get(0).get("memberCount")).intValue());
        assertEquals(2, ((Number) groups.get(1).get("memberCount")).intValue());

        Map<String, Object> updated =
                api.expect(200, api.call("PUT", "/api/recipient-groups/" + id, "{\"name\":\"primary\"}"));
        assertEquals("primary", updated.get("name"));
        assertNull(updated.get("description"));
        assertEquals(2, ((Number) updated.get("memberCount")).intValue());

        api.expect(409, api.call("POST", "/api/recipient-groups", "{\"name\":\"empty\"}"));
        api.expect(409, api.call("PUT", "/api/recipient-groups/" + id, "{\"name\":\"empty\"}"));
        api.assertInvalid("name", api.call("POST", "/api/recipient-groups", "{\"description\":\"no name\"}"));

        api.expect(204, api.call("DELETE", "/api/recipient-groups/" + id, null));
        api.expect(404, api.call("GET", "/api/recipient-groups/" + id, null));
        api.expect(404, api.call("GET", "/api/recipient-groups/" + id + "/members", null));
        api.expect(404, api.call("POST", "/api/recipient-groups/" + id + "/members", recipients(List.of("x"))));
    }

    @Test
    void addsTenThousandMembersInOneCallAndPagesThroughThem() {
        long id = api.create("/api/recipient-groups", "{\"name\":\"customers\"}");
        List<String> many = IntStream.range(0, 10_000)
                .mapToObj(i -> String.format("user%05d@example.com", i))
                .toList();
        Map<String, Object> first = add(id, many);
        assertEquals(Map.of("added", 10_000, "total", 10_000), first);

        Map<String, Object> again =
                add(id, List.of("user00000@example.com", "user09999@example.com", "late@example.com"));
        assertEquals(Map.of("added", 1, "total", 10_001), again, "members already present are skipped");

        List<String> seen = new ArrayList<>();
        String after = null;
        do {
            Map<String, Object> page = api.expect(
                    200,
                    api.call(
                            "GET",
                            "/api/recipient-groups/" + id + "/members?limit=1000"
                                    + (after == null ? "" : "&after=" + after),
                            null));
            @SuppressWarnings("unchecked")
            List<String> items = (List<String>) page.get("items");
            seen.addAll(items);
            after = (String) page.get("nextAfter");
        } while (after != null);
        assertEquals(10_001, seen.size());
        assertEquals(seen.stream().sorted().distinct().toList(), seen, "pages are in recipient order without repeats");
        assertEquals("late@example.com", seen.get(0));
    }

    @Test
    void memberCallsAreBounded() {
        long id = api.create("/api/recipient-groups", "{\"name\":\"bounded\"}");
        List<String> tooMany =
                IntStream.rangeClosed(0, 10_000).mapToObj(i -> "r" + i).toList();
        api.assertInvalid(
                "recipients", api.call("POST", "/api/recipient-groups/" + id + "/members", recipients(tooMany)));
        api.assertInvalid(
                "recipients", api.call("POST", "/api/recipient-groups/" + id + "/members", "{\"recipients\":[]}"));
        api.assertInvalid(
                "recipients[1]",
                api.call("POST", "/api/recipient-groups/" + id + "/members", recipients(List.of("ok", " "))));
    }

    @Test
    void everyInvalidFieldOfAGroupIsNamedAtOnce() {
        api.assertInvalidFields(
                List.of("name", "description"),
                api.call(
                        "POST",
                        "/api/recipient-groups",
                        "{\"name\":\" \",\"description\":\"" + "d".repeat(2001) + "\"}"));
        long id = api.create("/api/recipient-groups", "{\"name\":\"several bad\"}");
        api.assertInvalidFields(
                List.of("recipients[0]", "recipients[2]"),
                api.call("POST", "/api/recipient-groups/" + id + "/members", "{\"recipients\":[\" \",\"ok\",null]}"));
    }

    @Test
    void removesMembers() {
        long id = api.create("/api/recipient-groups", "{\"name\":\"shrinking\"}");
        add(id, List.of("a", "b", "c"));
        Map<String, Object> removed = api.expect(
                200,
                api.call(
                        "DELETE",
                        "/api/recipient-groups/" + id + "/members",
                        recipients(List.of("a", "c", "not-a-member"))));
        assertEquals(Map.of("removed", 2, "total", 1), removed);
        assertEquals(
                List.of("b"),
                api.expect(200, api.call("GET", "/api/recipient-groups/" + id + "/members", null))
                        .get("items"));
    }
}
