package dev.opscenter.ingress.notify.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.ingress.IngressIT;
import dev.opscenter.ingress.notify.NotifyClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** /api/notification-templates and previews over HTTP against real PostgreSQL. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TemplateApiIT extends IngressIT {
    NotifyClient api;

    @BeforeEach
    void setUp() throws SQLException {
        api = new NotifyClient(client, env);
        api.reset();
    }

    private long template(String name, String channelType, String subject, String body) {
        return api.create(
                "/api/notification-templates",
                "{\"name\":\"" + name + "\",\"channelType\":\"" + channelType + "\",\"subject\":"
                        + (subject == null ? "null" : "\"" + subject + "\"") + ",\"body\":\"" + body + "\"}");
    }

    private Map<String, Object> preview(long template, long event) {
        return api.expect(
                200,
                api.call(
                        "POST", "/api/notification-templates/" + template + "/preview", "{\"eventId\":" + event + "}"));
    }

    @Test
    void aCreatedTemplateReadsBackAsStored() {
        long id = template("deploys", "slack", null, "Deployed {{payload.ref}}");

        Map<String, Object> got = api.expect(200, api.call("GET", "/api/notification-templates/" + id, null));

        assertEquals("deploys", got.get("name"));
        assertEquals("slack", got.get("channelType"));
        assertNull(got.get("subject"));
        assertEquals("Deployed {{payload.ref}}", got.get("body"));
    }

    @Test
    void anUpdateReplacesEveryField() {
        long id = template("deploys", "slack", null, "Deployed {{payload.ref}}");

        Map<String, Object> updated = api.expect(
                200,
                api.call(
                        "PUT",
                        "/api/notification-templates/" + id,
                        "{\"name\":\"deploys by mail\",\"channelType\":\"email\",\"subject\":\"Deploy\",\"body\":\"<p>{{payload.ref}}</p>\"}"));

        assertEquals("deploys by mail", updated.get("name"));
        assertEquals("email", updated.get("channelType"));
        assertEquals("Deploy", updated.get("subject"));
        assertEquals("<p>{{payload.ref}}</p>", updated.get("body"));
        assertEquals(updated, api.expect(200, api.call("GET", "/api/notification-templates/" + id, null)));
    }

    @Test
    void theListHoldsEveryTemplateByName() {
        template("b-second", "sms", null, "b");
        template("a-first", "sms", null, "a");

        List<Map<String, Object>> items = api.items(api.call("GET", "/api/notification-templates", null));

        assertEquals(
                List.of("a-first", "b-second"),
                items.stream().map(t -> t.get("name")).toList());
    }

    @Test
    void aDeletedTemplateIsGone() {
        long id = template("deploys", "slack", null, "Deployed {{payload.ref}}");

        api.expect(204, api.call("DELETE", "/api/notification-templates/" + id, null));

        api.expect(404, api.call("GET", "/api/notification-templates/" + id, null));
        api.expect(404, api.call("DELETE", "/api/notification-templates/" + id, null));
    }

    @Test
    void anUnknownTemplateIs404() {
        api.expect(404, api.call("GET", "/api/notification-templates/424242", null));
        api.expect(
                404,
                api.call(
                        "PUT",
                        "/api/notification-templates/424242",
                        "{\"name\":\"x\",\"channelType\":\"sms\",\"body\":\"b\"}"));
    }

    @Test
    void everyInvalidFieldOfATemplateIsNamedAtOnce() {
        api.assertInvalidFields(
                List.of("name", "channelType", "subject", "body"),
                api.call(
                        "POST",
                        "/api/notification-templates",
                        "{\"name\":\"\",\"channelType\":\"fax\",\"subject\":\"" + "s".repeat(1001)
                                + "\",\"body\":\" \"}"));
    }

    @Test
    void invalidTemplatesAre422AndNamesUnique() {
        api.assertInvalid(
                "channelType",
                api.call(
                        "POST",
                        "/api/notification-templates",
                        "{\"name\":\"x\",\"channelType\":\"fax\",\"body\":\"b\"}"));
        api.assertInvalid(
                "body", api.call("POST", "/api/notification-templates", "{\"name\":\"x\",\"channelType\":\"sms\"}"));
        api.assertInvalid(
                "name", api.call("POST", "/api/notification-templates", "{\"channelType\":\"sms\",\"body\":\"b\"}"));
        template("taken", "sms", null, "b");
        api.expect(
                409,
                api.call(
                        "POST",
                        "/api/notification-templates",
                        "{\"name\":\"taken\",\"channelType\":\"sms\",\"body\":\"b\"}"));
    }

    @Test
    void previewRendersEventAndAlertAndReportsMissingVariables() throws SQLException {
        long source = api.source("gh");
        long event = api.event(source, "push", "{\"ref\":\"refs/heads/main\"}");
        api.alert(event, source, "critical", "Pushed to main");
        long id = template(
                "push",
                "slack",
                "{{alert.severity}}: {{alert.title}}",
                "{{event.source}} {{payload.ref}} by {{payload.pusher.name}}");

        Map<String, Object> preview = preview(id, event);
        assertEquals("critical: Pushed to main", preview.get("subject"));
        assertEquals(List.of("payload.pusher.name"), preview.get("missing"));
        assertEquals("gh refs/heads/main by ", preview.get("body"), "a missing variable renders empty");
    }

    @Test
    void previewReadsBareVariablesFromThePayloadAndNamesMissingOnesAsWritten() throws SQLException {
        long source = api.source("gh");
        long event = api.event(source, "push", "{\"ref\":\"refs/heads/main\"}");
        long id = template("bare", "slack", "{{event.type}} {{ref}}", "{{ref}} by {{pusher.name}}");

        Map<String, Object> preview = preview(id, event);
        assertEquals("push refs/heads/main", preview.get("subject"));
        assertEquals("refs/heads/main by ", preview.get("body"));
        assertEquals(List.of("pusher.name"), preview.get("missing"));
    }

    @Test
    void previewEscapesHtmlInEmailBodiesOnly() throws SQLException {
        long source = api.source("html");
        long event = api.event(source, "issue", "{\"title\":\"<script>alert(1)</script> & more\"}");
        long email = template("mail", "email", "New: {{payload.title}}", "<p>{{payload.title}}</p>");
        long sms = template("text", "sms", null, "{{payload.title}}");

        Map<String, Object> mail = preview(email, event);
        assertEquals("<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</p>", mail.get("body"));
        assertEquals("New: <script>alert(1)</script> & more", mail.get("subject"), "subjects are plain text");
        assertEquals("<script>alert(1)</script> & more", preview(sms, event).get("body"));
    }

    @Test
    void previewNeedsAStoredEvent() throws SQLException {
        long id = template("p", "sms", null, "b");
        api.assertInvalid("eventId", api.call("POST", "/api/notification-templates/" + id + "/preview", "{}"));
        api.expect(404, api.call("POST", "/api/notification-templates/" + id + "/preview", "{\"eventId\":424242}"));
        long event = api.event(api.source("s"), "push", "{}");
        api.expect(404, api.call("POST", "/api/notification-templates/424242/preview", "{\"eventId\":" + event + "}"));
    }

    @Test
    void unsavedTextIsPreviewedAsASavedTemplateWouldBe() throws SQLException {
        long source = api.source("draft");
        long event = api.event(source, "issue", "{\"title\":\"<b>disk</b> full\"}");

        Map<String, Object> mail = api.expect(
                200,
                api.call(
                        "POST",
                        "/api/notification-templates/preview",
                        "{\"eventId\":" + event
                                + ",\"channelType\":\"email\",\"subject\":\"{{event.type}}: {{payload.title}}\","
                                + "\"body\":\"<p>{{payload.title}} {{payload.owner}}</p>\"}"));

        assertEquals("issue: <b>disk</b> full", mail.get("subject"));
        assertEquals("<p>&lt;b&gt;disk&lt;/b&gt; full </p>", mail.get("body"));
        assertEquals(List.of("payload.owner"), mail.get("missing"));
        assertEquals(List.of(), api.items(api.call("GET", "/api/notification-templates", null)), "nothing stored");
    }

    @Test
    void anUnsavedPreviewChecksItsTextAndNeedsAStoredEvent() throws SQLException {
        api.assertInvalidFields(
                List.of("channelType", "body"),
                api.call(
                        "POST",
                        "/api/notification-templates/preview",
                        "{\"eventId\":1,\"channelType\":\"fax\",\"body\":\" \"}"));
        api.assertInvalid(
                "eventId",
                api.call("POST", "/api/notification-templates/preview", "{\"channelType\":\"sms\",\"body\":\"b\"}"));
        api.expect(
                404,
                api.call(
                        "POST",
                        "/api/notification-templates/preview",
                        "{\"eventId\":424242,\"channelType\":\"sms\",\"body\":\"b\"}"));
    }

    @Test
    void templateUsedByARuleKeepsItsChannelTypeAndCannotBeDeleted() {
        long id = template("used", "sms", null, "b");
        long channel = api.create(
                "/api/channels",
                "{\"name\":\"sms\",\"type\":\"sms\",\"secret\":\"t\",\"config\":{\"accountSid\":\"AC1\",\"from\":\"+1555\"}}");
        api.create(
                "/api/notification-rules",
                "{\"name\":\"r\",\"channelId\":" + channel + ",\"templateId\":" + id
                        + ",\"recipients\":[\"+15550002222\"]}");
        api.assertInvalid(
                "channelType",
                api.call(
                        "PUT",
                        "/api/notification-templates/" + id,
                        "{\"name\":\"used\",\"channelType\":\"email\",\"body\":\"b\"}"));
        api.expect(
                200,
                api.call(
                        "PUT",
                        "/api/notification-templates/" + id,
                        "{\"name\":\"used\",\"channelType\":\"sms\",\"body\":\"c\"}"));
        api.expect(409, api.call("DELETE", "/api/notification-templates/" + id, null));
    }

    @Test
    void previewIsCutAtTheTextLimits() throws SQLException {
        long source = api.source("big");
        long event = api.event(source, "push", "{\"ref\":\"" + "r".repeat(100_000) + "\"}");
        long id = template("huge", "slack", "{{payload.ref}}", "{{payload.ref}}".repeat(1_000));

        Map<String, Object> preview = preview(id, event);
        assertEquals(1_000, ((String) preview.get("subject")).length());
        assertEquals(65_536, ((String) preview.get("body")).length());
        assertTrue(((String) preview.get("body")).endsWith("… [truncated]"));
    }
}
