package dev.opscenter.ingress.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.ingress.IngressIT;
import dev.opscenter.ingress.IngressTestClient.Reply;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Admin CRUD of event sources over HTTP against real PostgreSQL: validation, uniqueness, deletion, schema changes. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventSourceApiIT extends IngressIT {
    @BeforeEach
    void setUp() throws SQLException {
        sql("TRUNCATE alerts, webhook_events, event_sources, api_keys CASCADE");
    }

    private long create(String body) {
        Reply created = client.admin("POST", "/api/event-sources", body);
        assertEquals(201, created.status(), created.body());
        return id(map(created));
    }

    @SuppressWarnings("unchecked")
    private void assertInvalid(Reply reply, String field) {
        assertEquals(422, reply.status(), reply.body());
        assertTrue(reply.contentType().startsWith("application/problem+json"));
        List<Map<String, Object>> errors =
                (List<Map<String, Object>>) map(reply).get("errors");
        assertEquals(field, errors.get(0).get("field"), reply.body());
    }

    private Reply trigger(String key, String event, String eventId, String payload) {
        return client.post(
                "/api/events",
                "{\"event\":\"" + event + "\",\"event_id\":\"" + eventId + "\",\"payload\":" + payload + "}",
                Map.of("Authorization", "Bearer " + key));
    }

    private String key() {
        return (String) map(client.admin("POST", "/api/api-keys", "{\"name\":\"test\"}"))
                .get("key");
    }

    @Test
    void eventSourceApiNeedsTheAdminToken() {
        assertEquals(401, client.get("/api/event-sources", Map.of()).status());
        assertEquals(
                401,
                client.post("/api/event-sources", "{\"name\":\"x\"}", Map.of()).status());
        assertEquals(401, client.get("/api/api-keys", Map.of()).status());
        assertEquals(
                401, client.post("/api/api-keys", "{\"name\":\"x\"}", Map.of()).status());
    }

    private long deployFinished() {
        return create("""
                {"name": "deploy.finished", "description": "CI finished a deploy",
                 "payloadSchema": {"type": "object", "required": ["service"]}}""");
    }

    @Test
    void aCreatedEventSourceReadsBackWithItsDefaults() {
        long id = deployFinished();

        Map<String, Object> got = map(client.admin("GET", "/api/event-sources/" + id, null));

        assertEquals("deploy.finished", got.get("name"));
        assertEquals("CI finished a deploy", got.get("description"));
        assertEquals(Map.of("type", "object", "required", List.of("service")), got.get("payloadSchema"));
        assertEquals(true, got.get("active"));
        assertEquals(false, got.get("raisesAlert"));
        assertNull(got.get("alertSeverity"));
    }

    @Test
    void theListHoldsEveryEventSource() {
        deployFinished();
        create("{\"name\":\"user.signup\"}");

        List<?> items =
                (List<?>) map(client.admin("GET", "/api/event-sources", null)).get("items");

        assertEquals(2, items.size());
    }

    @Test
    void anUpdateChangesOnlyTheFieldsItGives() {
        long id = deployFinished();

        Reply updated = client.admin(
                "PUT",
                "/api/event-sources/" + id,
                "{\"raisesAlert\":true,\"alertSeverity\":\"error\",\"active\":false}");

        assertEquals(200, updated.status(), updated.body());
        assertEquals(true, map(updated).get("raisesAlert"));
        assertEquals("error", map(updated).get("alertSeverity"));
        assertEquals(false, map(updated).get("active"));
        assertEquals("CI finished a deploy", map(updated).get("description"), "absent fields keep their value");
        assertEquals(map(updated), map(client.admin("GET", "/api/event-sources/" + id, null)));
    }

    @Test
    void aDeletedEventSourceIsGone() {
        long id = deployFinished();

        assertEquals(
                204, client.admin("DELETE", "/api/event-sources/" + id, null).status());

        assertEquals(404, client.admin("GET", "/api/event-sources/" + id, null).status());
        assertEquals(
                404, client.admin("DELETE", "/api/event-sources/" + id, null).status());
    }

    @Test
    void nameIsUnique() {
        create("{\"name\":\"user.signup\"}");
        Reply again = client.admin("POST", "/api/event-sources", "{\"name\":\"user.signup\"}");
        assertEquals(409, again.status(), again.body());
    }

    @Test
    void invalidEventSourceIs422NamingTheField() {
        assertInvalid(client.admin("POST", "/api/event-sources", "{\"name\":\"Has Spaces\"}"), "name");
        assertInvalid(client.admin("POST", "/api/event-sources", "{\"name\":\"-leading\"}"), "name");
        assertInvalid(client.admin("POST", "/api/event-sources", "{\"name\":\"" + "a".repeat(101) + "\"}"), "name");
        assertInvalid(
                client.admin("POST", "/api/event-sources", "{\"name\":\"x\",\"raisesAlert\":true}"), "alertSeverity");
        assertInvalid(
                client.admin("POST", "/api/event-sources", "{\"name\":\"x\",\"alertSeverity\":\"urgent\"}"),
                "alertSeverity");
        assertInvalid(
                client.admin("POST", "/api/event-sources", "{\"name\":\"x\",\"payloadSchema\":[1]}"), "payloadSchema");
        assertInvalid(
                client.admin("POST", "/api/event-sources", "{\"name\":\"x\",\"payloadSchema\":{\"type\":\"objekt\"}}"),
                "payloadSchema");
        assertInvalid(
                client.admin(
                        "POST",
                        "/api/event-sources",
                        "{\"name\":\"x\",\"payloadSchema\":{\"$schema\":\"http://json-schema.org/draft-04/schema#\"}}"),
                "payloadSchema");
        assertInvalid(
                client.admin(
                        "POST",
                        "/api/event-sources",
                        "{\"name\":\"x\",\"payloadSchema\":{\"$ref\":\"https://example.com/s.json\"}}"),
                "payloadSchema");
        assertEquals(200, client.admin("GET", "/api/event-sources", null).status());
        assertEquals(
                List.of(),
                map(client.admin("GET", "/api/event-sources", null)).get("items"),
                "nothing invalid was saved");
    }

    @Test
    void everyInvalidFieldOfAnEventSourceIsNamedAtOnce() {
        assertEquals(
                List.of("name", "description", "alertSeverity", "payloadSchema"),
                client.invalidFields(client.admin(
                        "POST",
                        "/api/event-sources",
                        "{\"name\":\"Has Spaces\",\"description\":\"" + "d".repeat(1001)
                                + "\",\"raisesAlert\":true,\"payloadSchema\":[1]}")));
    }

    @Test
    void nameCannotChange() {
        long id = create("{\"name\":\"a.b\"}");
        assertInvalid(client.admin("PUT", "/api/event-sources/" + id, "{\"name\":\"c.d\"}"), "name");
        assertInvalid(client.admin("PUT", "/api/event-sources/" + id, "{\"raisesAlert\":true}"), "alertSeverity");
    }

    @Test
    void eventSourceWithEventsIsNotDeletedButCanBeDeactivated() {
        long id = create("{\"name\":\"job.failed\"}");
        String key = key();
        assertEquals(202, trigger(key, "job.failed", "j-1", "{}").status());

        Reply delete = client.admin("DELETE", "/api/event-sources/" + id, null);
        assertEquals(409, delete.status(), delete.body());
        assertTrue(((String) map(delete).get("detail")).contains("deactivate"), delete.body());

        assertEquals(
                200,
                client.admin("PUT", "/api/event-sources/" + id, "{\"active\":false}")
                        .status());
        assertEquals(404, trigger(key, "job.failed", "j-2", "{}").status());
    }

    @Test
    void updatedSchemaAppliesToTheNextTrigger() {
        long id = create("{\"name\":\"job.done\",\"payloadSchema\":{\"required\":[\"job\"]}}");
        String key = key();
        assertEquals(422, trigger(key, "job.done", "d-1", "{}").status());

        assertEquals(
                200,
                client.admin("PUT", "/api/event-sources/" + id, "{\"payloadSchema\":{\"required\":[\"run\"]}}")
                        .status());
        assertEquals(202, trigger(key, "job.done", "d-2", "{\"run\":1}").status());
        assertEquals(422, trigger(key, "job.done", "d-3", "{\"job\":1}").status());

        Reply removed = client.admin("PUT", "/api/event-sources/" + id, "{\"payloadSchema\":{}}");
        assertNull(map(removed).get("payloadSchema"), "{} removes the schema");
        assertEquals(202, trigger(key, "job.done", "d-4", "{\"anything\":true}").status());
    }
}
