package dev.opscenter.ingress.notify.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.ingress.IngressIT;
import dev.opscenter.ingress.notify.NotifyClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** /api/notification-rules: CRUD, validation and dry-runs over HTTP against real PostgreSQL. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RuleApiIT extends IngressIT {
    NotifyClient api;
    long source;
    long email;
    long slack;
    long emailTemplate;
    long slackTemplate;
    long group;

    @BeforeEach
    void setUp() throws SQLException {
        api = new NotifyClient(client, env);
        api.reset();
        source = api.source("shop");
        email = api.create(
                "/api/channels", "{\"name\":\"mail\",\"type\":\"email\",\"config\":{\"from\":\"alerts@example.com\"}}");
        slack = api.create(
                "/api/channels",
                "{\"name\":\"slack\",\"type\":\"slack\",\"secret\":\"https://hooks.slack.example/x\"}");
        emailTemplate = api.create(
                "/api/notification-templates",
                "{\"name\":\"mail\",\"channelType\":\"email\",\"subject\":\"{{alert.title}}\",\"body\":\"<p>{{payload.note}}</p>\"}");
        slackTemplate = api.create(
                "/api/notification-templates",
                "{\"name\":\"slack\",\"channelType\":\"slack\",\"body\":\"{{alert.title}}\"}");
        group = api.create("/api/recipient-groups", "{\"name\":\"finance\"}");
    }

    private String rule(String name, String extra) {
        return "{\"name\":\"" + name + "\",\"channelId\":" + email + ",\"templateId\":" + emailTemplate
                + ",\"recipients\":[\"ops@example.com\"]" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    private long bigPayments() {
        return api.create("/api/notification-rules", rule("big payments", """
                "sourceId":%d,"eventTypePattern":"invoice.*","minSeverity":"warning",
                "conditions":{"all":[{"path":"payload.amount","op":"gt","value":100}]},
                "recipientField":"payload.customer.email","recipientGroupId":%d,"groupKey":"{{payload.customer.id}}","throttleSeconds":300""".formatted(source, group)));
    }

    @Test
    void aCreatedRuleReadsBackWithEveryField() {
        long id = bigPayments();

        Map<String, Object> got = api.expect(200, api.call("GET", "/api/notification-rules/" + id, null));

        assertEquals(true, got.get("active"), "a rule is active unless told otherwise");
        assertEquals(source, ((Number) got.get("sourceId")).longValue());
        assertEquals("invoice.*", got.get("eventTypePattern"));
        assertEquals("warning", got.get("minSeverity"));
        assertEquals(List.of("ops@example.com"), got.get("recipients"));
        assertEquals("payload.customer.email", got.get("recipientField"));
        assertEquals(group, ((Number) got.get("recipientGroupId")).longValue());
        assertEquals("{{payload.customer.id}}", got.get("groupKey"));
        assertEquals(300, ((Number) got.get("throttleSeconds")).intValue());
        assertEquals(
                Map.of("all", List.of(Map.of("path", "payload.amount", "op", "gt", "value", 100))),
                got.get("conditions"));
    }

    @Test
    void anUpdateReplacesTheWholeRule() {
        long id = bigPayments();

        Map<String, Object> updated = api.expect(
                200,
                api.call(
                        "PUT",
                        "/api/notification-rules/" + id,
                        "{\"name\":\"to slack\",\"active\":false,\"channelId\":" + slack + ",\"recipientGroupId\":"
                                + group + "}"));

        assertEquals("to slack", updated.get("name"));
        assertEquals(false, updated.get("active"));
        assertEquals(slack, ((Number) updated.get("channelId")).longValue());
        assertNull(updated.get("templateId"), "fields left out are cleared, not kept");
        assertNull(updated.get("sourceId"));
        assertEquals(List.of(), updated.get("recipients"));
        assertEquals(updated, api.expect(200, api.call("GET", "/api/notification-rules/" + id, null)));
    }

    @Test
    void theListHoldsEveryRule() {
        long one = api.create("/api/notification-rules", rule("one", ""));
        long two = bigPayments();

        List<Map<String, Object>> items = api.items(api.call("GET", "/api/notification-rules", null));

        assertEquals(
                Set.of(one, two),
                items.stream().map(r -> ((Number) r.get("id")).longValue()).collect(Collectors.toSet()));
    }

    @Test
    void aChannelOrGroupARuleUsesCannotBeDeleted() {
        api.create(
                "/api/notification-rules",
                "{\"name\":\"to slack\",\"channelId\":" + slack + ",\"recipientGroupId\":" + group + "}");

        api.expect(409, api.call("DELETE", "/api/channels/" + slack, null));
        api.expect(409, api.call("DELETE", "/api/recipient-groups/" + group, null));
    }

    @Test
    void aDeletedRuleIsGone() {
        long id = bigPayments();

        api.expect(204, api.call("DELETE", "/api/notification-rules/" + id, null));

        api.expect(404, api.call("GET", "/api/notification-rules/" + id, null));
        api.expect(404, api.call("PUT", "/api/notification-rules/" + id, rule("gone", "")));
        api.expect(404, api.call("DELETE", "/api/notification-rules/" + id, null));
    }

    @Test
    void namesAreUnique() {
        api.create("/api/notification-rules", rule("one", ""));
        long two = api.create("/api/notification-rules", rule("two", ""));
        api.expect(409, api.call("POST", "/api/notification-rules", rule("one", "")));
        api.expect(409, api.call("PUT", "/api/notification-rules/" + two, rule("one", "")));
    }

    @Test
    void invalidRulesAre422NamingTheField() throws SQLException {
        long eventSource = api.eventSource("signups");
        Map<String, String> cases = Map.ofEntries(
                Map.entry("eventSourceId", rule("r", "\"sourceId\":" + source + ",\"eventSourceId\":" + eventSource)),
                Map.entry("sourceId", rule("r", "\"sourceId\":999999")),
                Map.entry("minSeverity", rule("r", "\"minSeverity\":\"urgent\"")),
                Map.entry(
                        "conditions",
                        rule(
                                "r",
                                "\"conditions\":{\"all\":[{\"path\":\"payload.x\",\"op\":\"resembles\",\"value\":1}]}")),
                Map.entry("recipientField", rule("r", "\"recipientField\":\"customer email\"")),
                Map.entry("recipientGroupId", rule("r", "\"recipientGroupId\":999999")),
                Map.entry("throttleSeconds", rule("r", "\"groupKey\":\"{{payload.id}}\"")),
                Map.entry("groupKey", rule("r", "\"throttleSeconds\":60")));
        cases.forEach((field, body) -> api.assertInvalid(field, api.call("POST", "/api/notification-rules", body)));

        api.assertInvalid(
                "channelId", api.call("POST", "/api/notification-rules", "{\"name\":\"r\",\"recipients\":[\"a\"]}"));
        api.assertInvalid(
                "channelId",
                api.call(
                        "POST",
                        "/api/notification-rules",
                        "{\"name\":\"r\",\"channelId\":999999,\"recipients\":[\"a\"]}"));
        api.assertInvalid(
                "templateId",
                api.call(
                        "POST",
                        "/api/notification-rules",
                        "{\"name\":\"r\",\"channelId\":" + email + ",\"templateId\":999999,\"recipients\":[\"a\"]}"));
        api.assertInvalid(
                "templateId",
                api.call(
                        "POST",
                        "/api/notification-rules",
                        "{\"name\":\"r\",\"channelId\":" + email + ",\"templateId\":" + slackTemplate
                                + ",\"recipients\":[\"a\"]}"));
        api.assertInvalid(
                "recipients",
                api.call("POST", "/api/notification-rules", "{\"name\":\"r\",\"channelId\":" + email + "}"));
        api.assertInvalid(
                "name",
                api.call("POST", "/api/notification-rules", "{\"channelId\":" + email + ",\"recipients\":[\"a\"]}"));
        assertEquals(List.of(), api.items(api.call("GET", "/api/notification-rules", null)));

        api.create(
                "/api/notification-rules",
                "{\"name\":\"triggered\",\"eventSourceId\":" + eventSource + ",\"channelId\":" + slack
                        + ",\"recipientField\":\"payload.user.email\"}");
    }

    @Test
    void aRuleMayAddressAnAudienceOfUsersOnAnEmailOrConsoleChannel() {
        long mail = api.create(
                "/api/notification-rules",
                "{\"name\":\"operators\",\"channelId\":" + email + ",\"audience\":\"role:operator\"}");
        long console = api.create("/api/channels", "{\"name\":\"consoles\",\"type\":\"console\"}");
        long toast = api.create(
                "/api/notification-rules", "{\"name\":\"toast\",\"channelId\":" + console + ",\"audience\":\"all\"}");

        assertEquals("role:operator", stored(mail).get("audience"));
        assertEquals("all", stored(toast).get("audience"));
        assertNull(stored(bigPayments()).get("audience"));
    }

    private Map<String, Object> stored(long rule) {
        return api.expect(200, api.call("GET", "/api/notification-rules/" + rule, null));
    }

    @Test
    void anAudienceIsOneOfAllOrARoleOnAChannelThatReachesUsers_andAConsoleRuleNamesOnlyAnAudience() {
        long console = api.create("/api/channels", "{\"name\":\"consoles\",\"type\":\"console\"}");
        List<Map.Entry<String, String>> cases = List.of(
                Map.entry("audience", "{\"name\":\"r\",\"channelId\":" + email + ",\"audience\":\"role:root\"}"),
                Map.entry("audience", "{\"name\":\"r\",\"channelId\":" + slack + ",\"audience\":\"all\"}"),
                Map.entry(
                        "recipients",
                        "{\"name\":\"r\",\"channelId\":" + console
                                + ",\"audience\":\"all\",\"recipients\":[\"a@example.com\"]}"),
                Map.entry(
                        "recipientGroupId",
                        "{\"name\":\"r\",\"channelId\":" + console + ",\"audience\":\"all\",\"recipientGroupId\":"
                                + group + "}"));
        cases.forEach(c -> api.assertInvalid(c.getKey(), api.call("POST", "/api/notification-rules", c.getValue())));
        api.assertInvalid(
                "audience",
                api.call("POST", "/api/notification-rules", "{\"name\":\"r\",\"channelId\":" + console + "}"));
        api.assertInvalid(
                "secret", api.call("POST", "/api/channels", "{\"name\":\"c2\",\"type\":\"console\",\"secret\":\"x\"}"));
        assertEquals(List.of(), api.items(api.call("GET", "/api/notification-rules", null)));
    }

    @Test
    void recipientFieldInSnakeCaseNamingABarePayloadFieldIsStoredAsAPayloadPath() {
        long snake = api.create("/api/notification-rules", rule("snake", "\"recipient_field\":\"customer_email\""));
        long bracket =
                api.create("/api/notification-rules", rule("bracket", "\"recipientField\":\"[\\\"reply.to\\\"]\""));
        long rooted =
                api.create("/api/notification-rules", rule("rooted", "\"recipient_field\":\"alert.metadata.owner\""));

        assertEquals(
                "payload.customer_email",
                api.expect(200, api.call("GET", "/api/notification-rules/" + snake, null))
                        .get("recipientField"));
        assertEquals(
                "payload[\"reply.to\"]",
                api.expect(200, api.call("GET", "/api/notification-rules/" + bracket, null))
                        .get("recipientField"));
        assertEquals(
                "alert.metadata.owner",
                api.expect(200, api.call("GET", "/api/notification-rules/" + rooted, null))
                        .get("recipientField"),
                "a path from a root is kept as written");
    }

    @Test
    void recipientFieldThatIsARootAloneIs422() {
        for (String path : List.of("event", "payload", "alert")) {
            api.assertInvalid(
                    "recipientField",
                    api.call("POST", "/api/notification-rules", rule("r", "\"recipient_field\":\"" + path + "\"")));
        }
        assertEquals(List.of(), api.items(api.call("GET", "/api/notification-rules", null)));
    }

    /** Three events: a critical invoice of 500, a warning invoice of 50, and a push without an alert. */
    private long[] seedEvents() throws SQLException {
        long big = api.event(
                source,
                "invoice.paid",
                "{\"amount\":500,\"note\":\"<b>big</b>\",\"customer\":{\"email\":\"big@example.com\"}}");
        api.alert(big, source, "critical", "Big invoice");
        long small = api.event(
                source,
                "invoice.paid",
                "{\"amount\":50,\"note\":\"small\",\"customer\":{\"email\":\"small@example.com\"}}");
        api.alert(small, source, "warning", "Small invoice");
        long push = api.event(source, "push", "{\"ref\":\"main\"}");
        return new long[] {big, small, push};
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> dryRun(String body) {
        Map<String, Object> result = api.expect(200, api.call("POST", "/api/notification-rules/dry-run", body));
        return (List<Map<String, Object>>) result.get("matches");
    }

    private static List<Long> eventIds(List<Map<String, Object>> matches) {
        return matches.stream()
                .map(m -> ((Number) m.get("eventId")).longValue())
                .toList();
    }

    @Test
    void dryRunMatchesBySeverity() throws SQLException {
        long[] e = seedEvents();
        assertEquals(List.of(e[0]), eventIds(dryRun("{\"rule\":" + rule("r", "\"minSeverity\":\"error\"") + "}")));
        assertEquals(
                List.of(e[1], e[0]),
                eventIds(dryRun("{\"rule\":" + rule("r", "\"minSeverity\":\"warning\"") + "}")),
                "newest first; the push raised no alert, so it never meets a minimum severity");
        assertEquals(List.of(e[2], e[1], e[0]), eventIds(dryRun("{\"rule\":" + rule("r", "") + "}")));
    }

    @Test
    void dryRunMatchesByPatternAndCondition() throws SQLException {
        long[] e = seedEvents();
        assertEquals(
                List.of(e[1], e[0]),
                eventIds(dryRun("{\"rule\":" + rule("r", "\"eventTypePattern\":\"invoice.*\"") + "}")));
        assertEquals(List.of(e[2]), eventIds(dryRun("{\"rule\":" + rule("r", "\"eventTypePattern\":\"push\"") + "}")));
        String bigOnly = "\"conditions\":{\"all\":[{\"path\":\"payload.amount\",\"op\":\"gt\",\"value\":100}]}";
        assertEquals(List.of(e[0]), eventIds(dryRun("{\"rule\":" + rule("r", bigOnly) + "}")));
    }

    @Test
    void dryRunShowsRenderedTextAndRecipients() throws SQLException {
        long[] e = seedEvents();
        List<String> members = java.util.stream.IntStream.range(0, 30)
                .mapToObj(i -> "m" + (10 + i) + "@example.com")
                .toList();
        api.expect(
                200,
                api.call(
                        "POST",
                        "/api/recipient-groups/" + group + "/members",
                        "{\"recipients\":["
                                + String.join(
                                        ",",
                                        members.stream()
                                                .map(m -> "\"" + m + "\"")
                                                .toList()) + ",\"ops@example.com\"]}"));
        long id = api.create(
                "/api/notification-rules",
                rule(
                        "stored",
                        "\"minSeverity\":\"critical\",\"recipientField\":"
                                + "\"payload.customer.email\",\"recipientGroupId\":" + group));

        Map<String, Object> result = api.expect(
                200, api.call("POST", "/api/notification-rules/dry-run", "{\"ruleId\":" + id + ",\"limit\":2}"));
        assertEquals(2, ((Number) result.get("evaluated")).intValue(), "only the two newest events");
        assertEquals(List.of(), result.get("matches"), "the critical invoice is older than the two newest events");

        List<Map<String, Object>> matches = dryRun("{\"ruleId\":" + id + "}");
        assertEquals(List.of(e[0]), eventIds(matches));
        Map<String, Object> m = matches.get(0);
        assertEquals("Big invoice", m.get("subject"));
        assertEquals("<p>&lt;b&gt;big&lt;/b&gt;</p>", m.get("body"));
        assertEquals(List.of(), m.get("missing"));
        assertEquals("invoice.paid", m.get("eventType"));
        assertEquals("shop", m.get("source"));
        @SuppressWarnings("unchecked")
        List<String> recipients = (List<String>) m.get("recipients");
        assertEquals(20, recipients.size());
        assertEquals(List.of("ops@example.com", "big@example.com", "m10@example.com"), recipients.subList(0, 3));
        assertEquals(
                32, ((Number) m.get("recipientCount")).intValue(), "ops@ is both fixed and a member: counted once");
        assertEquals(
                0, api.items(api.call("GET", "/api/notification-logs", null)).size(), "a dry-run stores nothing");
    }

    @Test
    @SuppressWarnings("unchecked")
    void dryRunOfAnAudienceCountsItsUsersAsTheWorkerFansOut() throws SQLException {
        seedEvents();
        String audienceRule =
                "{\"rule\":" + rule("operators", "\"minSeverity\":\"critical\",\"audience\":\"role:operator\"") + "}";
        long before = ((Number) dryRun(audienceRule).get(0).get("recipientCount")).longValue();
        String tag = Long.toString(System.nanoTime(), 36);
        List<Long> users = new java.util.ArrayList<>();
        users.add(user("dry-a-" + tag, "dry-a-" + tag + "@example.com", false));
        users.add(user("dry-b-" + tag, "dry-b-" + tag + "@example.com", false));
        users.add(user("dry-c-" + tag, "ops@example.com", false)); // also the rule's fixed recipient: counted once
        users.add(user("dry-d-" + tag, "dry-d-" + tag + "@example.com", true)); // disabled: not reached
        users.add(user("dry-e-" + tag, null, false)); // no e-mail: not reached
        try {
            Map<String, Object> m = dryRun(audienceRule).get(0);
            assertEquals(before + 2, ((Number) m.get("recipientCount")).longValue());
            List<String> recipients = (List<String>) m.get("recipients");
            assertTrue(recipients.contains("dry-a-" + tag + "@example.com"), recipients.toString());
            assertFalse(recipients.contains("dry-d-" + tag + "@example.com"), "disabled");
            assertFalse(recipients.contains("role:operator"), "addresses, not the audience's name");

            long console = api.create("/api/channels", "{\"name\":\"consoles\",\"type\":\"console\"}");
            Map<String, Object> toast = dryRun("{\"rule\":{\"name\":\"toast\",\"channelId\":" + console
                            + ",\"minSeverity\":\"critical\",\"audience\":\"role:operator\"}}")
                    .get(0);
            assertEquals(List.of("role:operator"), toast.get("recipients"), "one toast to the audience's consoles");
            assertEquals(1, ((Number) toast.get("recipientCount")).intValue());
        } finally {
            for (long id : users) {
                api.expect(204, api.call("DELETE", "/api/users/" + id, null));
            }
        }
    }

    private long user(String name, String email, boolean disabled) {
        String fields = "\"role\":\"operator\"" + (email == null ? "" : ",\"email\":\"" + email + "\"");
        long id = api.create(
                "/api/users", "{\"username\":\"" + name + "\",\"password\":\"a long enough password\"," + fields + "}");
        if (disabled) {
            api.expect(200, api.call("PUT", "/api/users/" + id, "{" + fields + ",\"disabled\":true}"));
        }
        return id;
    }

    @Test
    void aRuleReachesAGroupOrAnAudienceNotBoth() {
        api.assertInvalid(
                "audience",
                api.call(
                        "POST",
                        "/api/notification-rules",
                        "{\"name\":\"r\",\"channelId\":" + email + ",\"audience\":\"all\",\"recipientGroupId\":" + group
                                + "}"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void dryRunTakesRecipientsFromABarePayloadField() throws SQLException {
        seedEvents();

        List<Map<String, Object>> matches = dryRun(
                "{\"rule\":" + rule("r", "\"minSeverity\":\"critical\",\"recipient_field\":\"customer.email\"") + "}");

        assertEquals(1, matches.size());
        assertEquals(List.of("ops@example.com", "big@example.com"), (List<String>)
                matches.get(0).get("recipients"));
    }

    @Test
    void dryRunMatchesTriggeredEventsByEventSource() throws SQLException {
        long signups = api.eventSource("signups");
        long other = api.eventSource("orders");
        long signup = api.triggeredEvent(signups, "user.created", "{\"user\":{\"email\":\"new@example.com\"}}");
        api.triggeredEvent(other, "order.created", "{}");
        api.event(source, "user.created", "{}");
        List<Map<String, Object>> matches = dryRun("{\"rule\":{\"name\":\"welcome\",\"eventSourceId\":" + signups
                + ",\"channelId\":" + email + ",\"recipientField\":\"payload.user.email\"}}");
        assertEquals(List.of(signup), eventIds(matches));
        assertEquals("signups", matches.get(0).get("source"));
        assertEquals(List.of("new@example.com"), matches.get(0).get("recipients"));
        assertEquals(
                "user.created from signups", matches.get(0).get("subject"), "no template: the worker's default text");
        assertTrue(String.valueOf(matches.get(0).get("body")).contains("new@example.com"));
    }

    @Test
    void everyInvalidFieldOfARuleIsNamedAtOnce() {
        api.assertInvalidFields(
                List.of("name", "throttleSeconds", "minSeverity", "channelId", "recipients", "groupKey"),
                api.call(
                        "POST",
                        "/api/notification-rules",
                        "{\"name\":\" \",\"minSeverity\":\"loud\",\"channelId\":999999,\"throttleSeconds\":0}"));
        api.assertInvalidFields(
                List.of("ruleId", "limit"), api.call("POST", "/api/notification-rules/dry-run", "{\"limit\":0}"));
    }

    @Test
    void dryRunRequestIsValidated() {
        api.assertInvalid("ruleId", api.call("POST", "/api/notification-rules/dry-run", "{}"));
        api.assertInvalid(
                "limit",
                api.call("POST", "/api/notification-rules/dry-run", "{\"rule\":" + rule("r", "") + ",\"limit\":201}"));
        api.assertInvalid(
                "minSeverity",
                api.call(
                        "POST",
                        "/api/notification-rules/dry-run",
                        "{\"rule\":" + rule("r", "\"minSeverity\":\"x\"") + "}"));
        api.expect(404, api.call("POST", "/api/notification-rules/dry-run", "{\"ruleId\":424242}"));
    }

    @Test
    void dryRunOfAlternationStarOnSixtyThousandCharactersAnswersWithTheMatch() throws SQLException {
        long event = api.event(source, "invoice.paid", "{\"note\":\"" + "ab".repeat(30_000) + "\"}");
        List<Map<String, Object>> matches = dryRun("{\"rule\":"
                + rule("r", "\"conditions\":{\"path\":\"payload.note\",\"op\":\"matches\",\"value\":\"^(a|b)*$\"}")
                + "}");
        assertEquals(List.of(event), eventIds(matches));
    }

    @Test
    void ruleWithMoreConditionsThanTheLimitIs422() {
        String leaf = "{\"path\":\"payload.x\",\"op\":\"matches\",\"value\":\"a\"}";
        String conditions =
                "\"conditions\":{\"any\":[" + String.join(",", java.util.Collections.nCopies(101, leaf)) + "]}";
        api.assertInvalid("conditions", api.call("POST", "/api/notification-rules", rule("too many", conditions)));
        String hundred =
                "\"conditions\":{\"any\":[" + String.join(",", java.util.Collections.nCopies(100, leaf)) + "]}";
        api.create("/api/notification-rules", rule("just enough", hundred));
    }

    @Test
    void matchesPatternRe2CannotRunIs422() {
        api.assertInvalid(
                "conditions",
                api.call(
                        "POST",
                        "/api/notification-rules",
                        rule(
                                "backref",
                                "\"conditions\":{\"path\":\"payload.x\",\"op\":\"matches\",\"value\":\"(a)\\\\1\"}")));
    }
}
