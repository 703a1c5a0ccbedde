package dev.opscenter.worker.notify;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.opscenter.common.alert.NotificationMessage;
import dev.opscenter.common.alert.NotificationRows;
import dev.opscenter.common.crypto.SecretCipher;
import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.signature.StandardWebhooks;
import dev.opscenter.common.signature.Verification;
import dev.opscenter.common.sql.Params;
import dev.opscenter.common.testing.JsonLogs;
import dev.opscenter.common.testing.MutableClock;
import dev.opscenter.common.testing.TestEnvironment;
import dev.opscenter.common.vocabulary.SourceKind;
import dev.opscenter.worker.StoredRows;
import dev.opscenter.worker.StreamState;
import dev.opscenter.worker.TestClockFactory;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Notifications end to end inside the worker, against real PostgreSQL and Redis and real peers: GreenMail for SMTP
 * and a local HTTP server for webhook and Telegram endpoints. Time is a clock the tests move, so retry schedules,
 * rate-limit windows and throttles are checked without waiting for them.
 *
 * <p>The tests share one worker and its database, Redis, clock and peers, yet none depends on another or on their
 * order: each starts from a known state ({@link #startFromAKnownState}).
 *
 * <ul>
 *   <li>Nothing of an earlier test is sent any more. Its rules are switched off, so its events match nothing; what it
 *       left waiting to be sent (a first attempt or a retry) is given up; and the test waits until nothing is in hand:
 *       no event or notification unread or unacknowledged in its stream, no event waiting for a retry, no notification
 *       being sent. Only then do the peers forget what they saw, so they see the requests of the running test only.
 *   <li>Time only moves forward: a day at the start of each test, far more than any window a test opens (a retry of at
 *       most a quarter of an hour, a throttle of five minutes, the one-minute rate window). No window or throttle of
 *       an earlier test is still open, and every retry it scheduled is due at once and finds its notification given
 *       up.
 *   <li>What a window is kept under belongs to one test. A throttle is kept per rule and group key, and every test
 *       makes its own rules, on channels of its own (their names are unique); the Telegram rate window is kept in
 *       Redis per bot token, under {@code <prefix>ratelimit:}, and those keys are deleted too.
 * </ul>
 *
 * <p>So the tests pass in any order (JUnit's {@code MethodOrderer$Random}) and each alone.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationsIT implements TestPropertyProvider {
    static final TestEnvironment ENV = TestEnvironment.create();
    static final GreenMail MAIL = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    static final Duration DEADLINE = Duration.ofSeconds(30);
    /** 1,200 HTTP sends: a hang guard with room for a machine busy with other builds, not a speed claim. */
    private static final Duration FANOUT_DEADLINE = Duration.ofMinutes(2);

    static final String WEBHOOK_SECRET = "whsec_"
            + java.util.Base64.getEncoder()
                    .encodeToString("notification-webhook-key-32bytes".getBytes(StandardCharsets.UTF_8));

    static {
        MAIL.start();
    }

    @Inject
    MutableClock clock;

    @Inject
    SecretCipher cipher;

    @Inject
    RedisKeys keys;

    @Inject
    dev.opscenter.worker.stream.ConsumerLiveness liveness;

    @Inject
    JsonMapper json;

    final StoredRows rows = new StoredRows(ENV);
    Receiver peer;
    final List<String> liveMessages = new java.util.concurrent.CopyOnWriteArrayList<>();
    RedisCommands<String, String> redis;
    long githubSource;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(ENV.properties());
        p.put(TestClockFactory.PROPERTY, "true");
        p.put("javamail.properties.mail.smtp.host", "127.0.0.1");
        p.put(
                "javamail.properties.mail.smtp.port",
                Integer.toString(MAIL.getSmtp().getPort()));
        p.put("opscenter.notifications.concurrency", "2");
        p.put("opscenter.notifications.block", "200ms");
        p.put("opscenter.notifications.fanout-interval", "200ms");
        p.put("opscenter.notifications.sweep-interval", "1h");
        p.put("opscenter.notifications.chunk-size", "250");
        p.put("opscenter.worker.retry-interval", "100ms");
        p.put("opscenter.notifications.defaults.email-to", "ops-default@example.com");
        return p;
    }

    @BeforeAll
    void setUp() throws Exception {
        peer = new Receiver();
        RedisClient client = RedisClient.create(ENV.redisUri());
        redis = client.connect().sync();
        var live = client.connectPubSub();
        live.addListener(new io.lettuce.core.pubsub.RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                liveMessages.add(message);
            }
        });
        live.sync().subscribe(keys.liveChannel());
        githubSource = rows.source("GitHub", "gh", SourceKind.GITHUB);
    }

    @AfterAll
    void tearDown() {
        peer.close();
        MAIL.stop();
        ENV.close();
    }

    /** See the class comment: nothing of an earlier test is sent now, its windows are over, the peers forget it. */
    @BeforeEach
    void startFromAKnownState() throws SQLException {
        rows.execute("UPDATE notification_rules SET is_active = false");
        giveUpUnsent();
        clock.advance(Duration.ofDays(1));
        await().atMost(DEADLINE).until(this::nothingInHand);
        giveUpUnsent(); // a send that was in hand may have ended in a retry
        ScanIterator.scan(redis, ScanArgs.Builder.matches(keys.prefix() + "ratelimit:*"))
                .forEachRemaining(redis::del);
        peer.reset();
    }

    /** Notifications waiting for their first attempt or a retry will not be sent: claiming one finds it failed. */
    private void giveUpUnsent() throws SQLException {
        rows.execute("UPDATE notification_logs SET status = 'failed', next_attempt_at = NULL WHERE status = 'pending'");
    }

    /**
     * No event or notification is unread or unacknowledged in its stream (a notification is acknowledged once its
     * send is over), no event waits for a retry, and no notification is being sent.
     */
    private boolean nothingInHand() throws SQLException {
        return StreamState.drained(redis, keys.events(), RedisKeys.WORKERS_GROUP)
                && StreamState.drained(redis, keys.notifications(), RedisKeys.NOTIFIERS_GROUP)
                && redis.zcard(keys.eventRetries()) == 0
                && rows.count("SELECT count(*) FROM notification_logs WHERE status = 'sending'") == 0;
    }

    /** Appends the event's entry to the events stream, as ingress does once it stored it; returns the event. */
    private long enqueue(long event) {
        redis.xadd(keys.events(), Map.of(RedisKeys.EVENT_ID_FIELD, Long.toString(event)));
        return event;
    }

    private long channel(String name, String type, String config, String secret) throws SQLException {
        return rows.queryLong(
                """
                INSERT INTO channels (name, type, config, secret_encrypted)
                VALUES (:name, :type, CAST(:config AS jsonb), :secret) RETURNING id""",
                Params.of("name", name)
                        .and("type", type)
                        .and("config", config)
                        .and("secret", secret == null ? null : cipher.encrypt(secret)));
    }

    private long rule(String name, long channel, String extraColumns, String extraValues) throws SQLException {
        return rows.queryLong(
                "INSERT INTO notification_rules (name, channel_id" + extraColumns + ") VALUES (:name, :channel"
                        + extraValues + ") RETURNING id",
                Params.of("name", name).and("channel", channel));
    }

    private long template(String name, String channelType, String subject, String body) throws SQLException {
        return rows.queryLong(
                """
                INSERT INTO notification_templates (name, channel_type, subject, body)
                VALUES (:name, :channelType, :subject, :body) RETURNING id""",
                Params.of("name", name)
                        .and("channelType", channelType)
                        .and("subject", subject)
                        .and("body", body));
    }

    /**
     * Stores a failed GitHub workflow run (an error alert) and enqueues it, as ingress would: the recorded run with its
     * conclusion edited to failure, plus the two fields these tests' templates and rules read ({@code note}, {@code
     * owner.email}).
     */
    private long failedRun(String note) throws Exception {
        String recorded = new String(
                NotificationsIT.class
                        .getResourceAsStream("/fixtures/github/workflow_run.completed.json")
                        .readAllBytes(),
                StandardCharsets.UTF_8);
        String success = "\"conclusion\": \"success\"";
        if (!recorded.contains(success)) {
            throw new IllegalStateException("the recorded workflow_run no longer reads " + success);
        }
        String payload = recorded.replace(success, "\"conclusion\": \"failure\"")
                .replaceFirst(
                        "\\{",
                        java.util.regex.Matcher.quoteReplacement("{\"note\": " + json.writeValueAsString(note)
                                + ", \"owner\": {\"email\": \"owner@example.com\"},"));
        return enqueue(rows.event(githubSource, "workflow_run", payload));
    }

    @Test
    void matchingAlertIsEmailedOnceWithTheRenderedTemplate() throws Exception {
        long channel = channel("mail", "email", "{\"from\":\"opscenter@example.com\"}", null);
        long template = template(
                "t",
                "email",
                "[{{alert.severity}}] {{alert.title}}",
                "<p>Note: {{payload.note}}</p><p>Missing: '{{payload.nope}}'</p>");
        rule(
                "errors-by-mail",
                channel,
                ", template_id, min_severity, recipient_field, recipients",
                ", " + template + ", 'warning', 'payload.owner.email', ARRAY['oncall@example.com']");
        int before = MAIL.getReceivedMessages().length;

        long event = failedRun("<script>alert(1)</script>");
        enqueue(event); // delivered twice

        await().atMost(DEADLINE)
                .until(() -> rows.count("SELECT count(*) FROM notification_logs WHERE event_id = " + event
                                + " AND status = 'sent'")
                        == 2);
        await().atMost(DEADLINE).until(() -> MAIL.getReceivedMessages().length == before + 2);
        MimeMessage[] received = MAIL.getReceivedMessages();
        List<String> to = java.util.Arrays.stream(received)
                .skip(before)
                .map(m -> {
                    try {
                        return m.getAllRecipients()[0].toString();
                    } catch (jakarta.mail.MessagingException e) {
                        throw new AssertionError(e);
                    }
                })
                .sorted()
                .toList();
        assertEquals(
                List.of("oncall@example.com", "owner@example.com"), to, "fixed recipient and the one from the payload");
        MimeMessage mail = received[before];
        assertTrue(mail.getSubject().startsWith("[error] "), mail.getSubject());
        String body = html(mail);
        assertTrue(body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "payload values are HTML-escaped: " + body);
        assertFalse(body.contains("<script>"), body);
        assertTrue(body.contains("Missing: ''"), "a missing variable renders empty");
        assertEquals(
                2,
                rows.count("SELECT count(*) FROM notification_logs WHERE event_id = " + event),
                "a duplicate delivery adds nothing");
    }

    @Test
    void failedSendsFollowTheRetryScheduleThenSucceed() throws Exception {
        long channel = channel("hook", "webhook", "{\"url\":\"" + peer.url("/hook") + "\"}", WEBHOOK_SECRET);
        rule("hook-all", channel, ", recipients", ", ARRAY['default']");
        peer.then(new Receiver.Reply(500, Map.of(), "{}"));
        peer.then(new Receiver.Reply(503, Map.of(), "{}"));

        Instant sending = clock.instant();
        long event = failedRun("retry me");
        await().atMost(DEADLINE).until(() -> "pending".equals(status(event)) && attempts(event) == 1);
        assertDelay(Duration.ofSeconds(48), Duration.ofSeconds(72), sending, nextAttempt(event), "1 min ± 20 %");

        clock.advance(Duration.ofMinutes(2));
        Instant retrying = clock.instant();
        await().atMost(DEADLINE).until(() -> attempts(event) == 2 && "pending".equals(status(event)));
        assertDelay(Duration.ofMinutes(4), Duration.ofMinutes(6), retrying, nextAttempt(event), "5 min ± 20 %");

        clock.advance(Duration.ofMinutes(7));
        await().atMost(DEADLINE).until(() -> "sent".equals(status(event)));
        assertEquals(3, peer.requests().size());
        Receiver.Request last = peer.requests().get(2);
        assertEquals(
                peer.requests().get(0).header("webhook-id"),
                last.header("webhook-id"),
                "the same message id on every attempt");
        Verification verified = StandardWebhooks.verify(
                WEBHOOK_SECRET,
                last.body().getBytes(StandardCharsets.UTF_8),
                name -> Optional.ofNullable(last.header(name)),
                clock.instant(),
                Duration.ofMinutes(5));
        assertEquals(Verification.VERIFIED, verified, "the receiver can verify the Standard Webhooks signature");
    }

    @Test
    void retryAfterFromThePeerIsHonoured() throws Exception {
        long channel = channel("hook-429", "webhook", "{\"url\":\"" + peer.url("/busy") + "\"}", WEBHOOK_SECRET);
        rule("hook-429", channel, ", recipients", ", ARRAY['default']");
        peer.then(new Receiver.Reply(429, Map.of("Retry-After", "600"), "{}"));

        long event = failedRun("slow down");
        await().atMost(DEADLINE).until(() -> "pending".equals(status(event)) && attempts(event) == 1);
        assertBetween(
                Duration.ofSeconds(590),
                Duration.ofSeconds(610),
                Duration.between(clock.instant(), nextAttempt(event)),
                "Retry-After 600 s beats the 1-minute schedule");
        assertEquals(
                429,
                ((Number) rows.row("SELECT response_code FROM notification_logs WHERE event_id = " + event)
                                .get("response_code"))
                        .intValue());
    }

    @Test
    void permanentRejectionFailsAtOnceAndTheRowIsPublishedLive() throws Exception {
        long channel = channel("hook-400", "webhook", "{\"url\":\"" + peer.url("/bad") + "\"}", WEBHOOK_SECRET);
        rule("hook-400", channel, ", recipients", ", ARRAY['default']");
        peer.then(new Receiver.Reply(400, Map.of(), "{\"error\":\"no\"}"));

        long event = failedRun("rejected");
        await().atMost(DEADLINE).until(() -> "failed".equals(status(event)));
        assertEquals(1, attempts(event));
        assertEquals(
                "HTTP 400 Bad Request",
                rows.row("SELECT last_error FROM notification_logs WHERE event_id = " + event)
                        .get("last_error"),
                "the status and its standard reason, never the reply body");
        long log = ((Number) rows.row("SELECT id FROM notification_logs WHERE event_id = " + event)
                        .get("id"))
                .longValue();
        String published = await().atMost(DEADLINE)
                .until(
                        () -> liveMessages.stream()
                                .filter(m -> m.contains("\"type\":\"notification\"")
                                        && m.contains("\"id\":" + log + ",")
                                        && m.contains("\"status\":\"failed\""))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
        // the page gets the row in the REST log's shape, all but the body
        NotificationMessage stored;
        try (Connection c = ENV.connection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT " + NotificationRows.COLUMNS + " FROM notification_logs WHERE id = ?")) {
            s.setLong(1, log);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                stored = NotificationRows.map(r);
            }
        }
        Map<?, ?> data = (Map<?, ?>) json.readValue(published, Map.class).get("data");
        assertEquals(json.readValue(json.writeValueAsString(stored.withoutBody()), Map.class), data);
        assertTrue(data.containsKey("body") && data.get("body") == null, published);
        assertEquals("webhook", data.get("channelType"));
    }

    @Test
    void aFailedSendIsLoggedWithItsNotificationAndEventIdsAsFields() throws Exception {
        long channel = channel("hook-logged", "webhook", "{\"url\":\"" + peer.url("/logged") + "\"}", WEBHOOK_SECRET);
        rule("hook-logged", channel, ", recipients", ", ARRAY['default']");
        peer.then(new Receiver.Reply(400, Map.of(), "{}"));

        try (JsonLogs logs = JsonLogs.capture()) {
            long event = failedRun("logged");
            await().atMost(DEADLINE).until(() -> "failed".equals(status(event)));
            long log = ((Number) rows.row("SELECT id FROM notification_logs WHERE event_id = " + event)
                            .get("id"))
                    .longValue();

            Map<String, Object> line = await().atMost(DEADLINE)
                    .until(() -> logs.line("notification " + log + " to"), Optional::isPresent)
                    .orElseThrow();
            assertEquals(Long.toString(log), line.get("notification_id"));
            assertEquals(Long.toString(event), line.get("event_id"));
        }
    }

    @Test
    void slackMessageFromARuleCarriesSourceAndSeverityContext() throws Exception {
        long channel = channel("slack", "slack", "{}", peer.url("/services/T0/B0/x"));
        rule("slack-all", channel, ", recipients", ", ARRAY['#ops']");

        long event = failedRun("to slack");
        await().atMost(DEADLINE).until(() -> "sent".equals(status(event)));
        Receiver.Request posted = peer.requests().stream()
                .filter(r -> r.path().equals("/services/T0/B0/x"))
                .findFirst()
                .orElseThrow();
        Map<?, ?> payload = io.micronaut.json.JsonMapper.createDefault().readValue(posted.body(), Map.class);
        List<?> blocks = (List<?>) payload.get("blocks");
        Map<?, ?> context = (Map<?, ?>) blocks.get(blocks.size() - 1);
        assertEquals("context", context.get("type"), posted.body());
        assertEquals(
                List.of(
                        Map.of("type", "mrkdwn", "text", "*Source:* GitHub"),
                        Map.of("type", "mrkdwn", "text", "*Severity:* error")),
                context.get("elements"));
    }

    @Test
    void aSilencedAlertIsStoredButNotNotifiedAndAfterTheSilenceExpiresTheNextOneIs() throws Exception {
        long channel =
                channel("hook-silence", "webhook", "{\"url\":\"" + peer.url("/silenced") + "\"}", WEBHOOK_SECRET);
        rule("hook-silence", channel, ", recipients", ", ARRAY['default']");
        long silence = rows.queryLong(
                """
                INSERT INTO silences (event_type, severities, comment, created_by, starts_at, ends_at)
                VALUES ('workflow_*', ARRAY['error'], 'deploy window', 'test', :from, :to) RETURNING id""",
                Params.of("from", clock.instant().minusSeconds(60))
                        .and("to", clock.instant().plusSeconds(3600)));

        long muted = failedRun("during the silence");
        await().atMost(DEADLINE).until(() -> "processed".equals(eventStatus(muted)));
        assertEquals(1, rows.count("SELECT count(*) FROM alerts WHERE event_id = " + muted), "the alert is stored");
        assertEquals(
                0,
                rows.count("SELECT count(*) FROM notification_logs WHERE event_id = " + muted),
                "no notification planned for a muted alert");

        rows.execute(
                "UPDATE silences SET ends_at = :now WHERE id = :id",
                Params.of("now", clock.instant()).and("id", silence));
        long heard = failedRun("after the silence");
        await().atMost(DEADLINE).until(() -> "sent".equals(status(heard)));
        assertEquals(
                1,
                peer.requests().stream()
                        .filter(r -> r.path().equals("/silenced"))
                        .count(),
                "only the alert after the silence was sent");
    }

    private String eventStatus(long event) throws SQLException {
        return (String) rows.row("SELECT status FROM webhook_events WHERE id = " + event)
                .get("status");
    }

    @Test
    void duplicateNotificationEntriesSendOnce() throws Exception {
        long channel = channel("hook-dup", "webhook", "{\"url\":\"" + peer.url("/dup") + "\"}", WEBHOOK_SECRET);
        rule("hook-dup", channel, ", recipients", ", ARRAY['default']");
        long event = failedRun("dup");
        await().atMost(DEADLINE).until(() -> "sent".equals(status(event)));
        long log = ((Number) rows.row("SELECT id FROM notification_logs WHERE event_id = " + event)
                        .get("id"))
                .longValue();
        for (int i = 0; i < 3; i++) {
            redis.xadd(keys.notifications(), Map.of(RedisKeys.EVENT_ID_FIELD, Long.toString(log)));
        }
        await().atMost(DEADLINE)
                .until(() -> StreamState.drained(redis, keys.notifications(), RedisKeys.NOTIFIERS_GROUP));
        assertEquals(
                1,
                peer.requests().stream().filter(r -> r.path().equals("/dup")).count(),
                "a sent notification is never sent again");
    }

    @Test
    void defaultRuleEmailsWarningAndAbove() throws Exception {
        Map<String, Object> rule = rows.row(
                "SELECT min_severity, recipients::text AS recipients FROM notification_rules WHERE name = 'default-email-alerts'");
        assertEquals("warning", rule.get("min_severity"));
        assertEquals("{ops-default@example.com}", rule.get("recipients"));
        rows.execute("UPDATE notification_rules SET is_active = true WHERE name = 'default-email-alerts'");
        long event = failedRun("default rule");
        await().atMost(DEADLINE)
                .until(() -> java.util.Arrays.stream(MAIL.getReceivedMessages()).anyMatch(m -> {
                    try {
                        return m.getAllRecipients()[0].toString().equals("ops-default@example.com")
                                && m.getSubject().startsWith("[error]");
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                }));
        assertEquals("sent", status(event));
    }

    @Test
    void telegramBurstIsHeldToTwentyAMinuteAndNothingIsDropped() throws Exception {
        long channel =
                channel("tg", "telegram", "{\"baseUrl\":\"" + peer.url("") + "\"}", "123456:bot-token-for-tests");
        StringBuilder chats = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            chats.append(i == 0 ? "" : ",").append("'").append(1000 + i).append("'");
        }
        rule("tg-burst", channel, ", recipients", ", ARRAY[" + chats + "]");

        long event = failedRun("burst");
        await().atMost(DEADLINE)
                .until(() -> rows.count("SELECT count(*) FROM notification_logs WHERE event_id = " + event
                                        + " AND status = 'sent'")
                                == 20
                        // held: put back until the minute has room (new rows are pending too, but not yet due later)
                        && rows.queryLong(
                                        "SELECT count(*) FROM notification_logs WHERE event_id = :event"
                                                + " AND status = 'pending' AND next_attempt_at > :soon",
                                        Params.of("event", event)
                                                .and("soon", clock.instant().plusSeconds(30)))
                                == 5);
        assertEquals(20, peer.requests().size(), "no more than 20 in the first minute");

        clock.advance(Duration.ofSeconds(61));
        await().atMost(DEADLINE)
                .until(() -> rows.count("SELECT count(*) FROM notification_logs WHERE event_id = " + event
                                + " AND status = 'sent'")
                        == 25);
        assertEquals(25, peer.requests().size(), "the held five were sent, none dropped");
        assertEquals(
                0,
                rows.count("SELECT count(*) FROM notification_logs WHERE event_id = " + event + " AND attempts <> 1"),
                "waiting for the rate limit is not a failed attempt");
    }

    @Test
    void throttleSuppressesRepeatsAndTheNextMessageCountsThem() throws Exception {
        long channel =
                channel("hook-throttle", "webhook", "{\"url\":\"" + peer.url("/throttle") + "\"}", WEBHOOK_SECRET);
        rule(
                "throttled",
                channel,
                ", recipients, group_key, throttle_seconds",
                ", ARRAY['default'], '{{alert.source}}', 300");

        long first = failedRun("one");
        await().atMost(DEADLINE).until(() -> "sent".equals(status(first)));
        long second = failedRun("two");
        long third = failedRun("three");
        await().atMost(DEADLINE).until(() -> "suppressed".equals(status(second)) && "suppressed".equals(status(third)));

        clock.advance(Duration.ofSeconds(301));
        long fourth = failedRun("four");
        await().atMost(DEADLINE).until(() -> "sent".equals(status(fourth)));
        Map<String, Object> log =
                rows.row("SELECT suppressed_count, body FROM notification_logs WHERE event_id = " + fourth);
        assertEquals(2, ((Number) log.get("suppressed_count")).intValue());
        assertTrue(
                String.valueOf(log.get("body")).contains("2 similar notifications were suppressed"),
                String.valueOf(log.get("body")));
        assertEquals(2, peer.requests().size());
    }

    @Test
    void recipientGroupFansOutInChunks() throws Exception {
        long group = rows.queryLong("INSERT INTO recipient_groups (name) VALUES ('everyone') RETURNING id");
        rows.execute("""
                INSERT INTO recipient_group_members (group_id, recipient)
                SELECT :group, 'member-' || lpad(g::text, 5, '0') FROM generate_series(1, 1200) g""", Params.of("group", group));
        long channel = channel("hook-group", "webhook", "{\"url\":\"" + peer.url("/group") + "\"}", WEBHOOK_SECRET);
        long rule = rule("group-rule", channel, ", recipient_group_id", ", " + group);

        long event = failedRun("to everyone");
        await().atMost(FANOUT_DEADLINE)
                .until(() -> "done"
                        .equals(rows.row("SELECT status FROM notification_fanouts WHERE event_id = " + event)
                                .get("status")));
        Map<String, Object> fanout = rows.row(
                "SELECT total, created FROM notification_fanouts WHERE event_id = " + event + " AND rule_id = " + rule);
        assertEquals(1200, ((Number) fanout.get("total")).intValue());
        assertEquals(1200, ((Number) fanout.get("created")).intValue());
        await().atMost(FANOUT_DEADLINE)
                .until(() -> rows.count("SELECT count(*) FROM notification_logs WHERE event_id = " + event
                                + " AND status = 'sent'")
                        == 1200);
        assertEquals(
                1200,
                peer.requests().stream().filter(r -> r.path().equals("/group")).count());
    }

    @Test
    void roleAudienceFansOutToEveryEnabledUserOfTheRoleOnceAcrossARedeliveryAndARerunChunk() throws Exception {
        // more operators than one chunk (250), plus users the audience must leave out
        rows.execute("""
                INSERT INTO users (username, role, password_hash, email)
                SELECT 'op-' || g, 'operator', 'x', 'op-' || lpad(g::text, 3, '0') || '@audience.example'
                  FROM generate_series(1, 260) g""");
        rows.execute("""
                INSERT INTO users (username, role, password_hash, email, disabled) VALUES
                  ('op-disabled', 'operator', 'x', 'op-disabled@audience.example', true),
                  ('op-no-mail', 'operator', 'x', NULL, false),
                  ('viewer-1', 'viewer', 'x', 'viewer-1@audience.example', false),
                  ('admin-1', 'admin', 'x', 'admin-1@audience.example', false)""");
        long channel = channel("mail-operators", "email", "{\"from\":\"opscenter@example.com\"}", null);
        long rule = rule("operators", channel, ", audience", ", 'role:operator'");

        long event = failedRun("to the operators");
        enqueue(event); // delivered twice
        await().atMost(FANOUT_DEADLINE)
                .until(() -> rows.count("SELECT count(*) FROM notification_logs WHERE event_id = " + event
                                + " AND status = 'sent'")
                        == 260);
        Map<String, Object> fanout = rows.row("SELECT total, created, audience, group_id FROM notification_fanouts"
                + " WHERE event_id = " + event + " AND rule_id = " + rule);
        assertEquals(260, ((Number) fanout.get("total")).intValue());
        assertEquals("role:operator", fanout.get("audience"));

        // a worker that died after committing its rows but before moving the cursor makes the chunks again
        rows.execute("UPDATE notification_fanouts SET status = 'running', cursor = NULL, created = 0 WHERE event_id = "
                + event);
        await().atMost(FANOUT_DEADLINE)
                .until(() -> rows.count("SELECT created FROM notification_fanouts WHERE event_id = " + event) == 260);
        await().atMost(DEADLINE).until(this::nothingInHand);

        assertEquals(
                260, rows.count("SELECT count(*) FROM notification_logs WHERE event_id = " + event), "one row each");
        assertEquals(
                0,
                rows.count("SELECT count(*) FROM notification_logs WHERE event_id = " + event
                        + " AND recipient NOT LIKE 'op-___@audience.example'"),
                "no disabled operator, no viewer, no admin");
        List<String> mailed = java.util.Arrays.stream(MAIL.getReceivedMessages())
                .flatMap(m -> {
                    try {
                        return java.util.Arrays.stream(m.getAllRecipients()).map(Object::toString);
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .filter(to -> to.endsWith("@audience.example"))
                .toList();
        assertEquals(260, mailed.size(), "each operator mailed once");
        assertEquals(260, new java.util.HashSet<>(mailed).size());
    }

    @Test
    void consoleRulePublishesOneToastPerMatchingEvent() throws Exception {
        long channel = channel("console-toasts", "console", "{}", null);
        long template = template("toast", "console", "Toast: {{payload.note}}", "{{alert.title}}");
        rule(
                "toast-operators",
                channel,
                ", template_id, min_severity, audience",
                ", " + template + ", 'error', 'role:operator'");

        long first = failedRun("toast-one");
        enqueue(first); // delivered twice: still one toast
        long second = failedRun("toast-two");

        await().atMost(DEADLINE)
                .until(() -> rows.count("SELECT count(*) FROM notification_logs WHERE event_id IN (" + first + ", "
                                + second + ") AND status = 'sent'")
                        == 2);
        await().atMost(DEADLINE).until(this::nothingInHand);
        List<Map<?, ?>> toasts = liveMessages.stream()
                .filter(m -> m.contains("\"type\":\"toast\""))
                .map(this::liveData)
                .filter(d -> String.valueOf(d.get("title")).startsWith("Toast: toast-"))
                .toList();
        assertEquals(
                List.of("Toast: toast-one", "Toast: toast-two"),
                toasts.stream().map(d -> d.get("title")).sorted().toList(),
                "one toast per matching event");
        Map<?, ?> toast = toasts.get(0);
        assertEquals("operator", toast.get("role"));
        assertEquals("error", toast.get("severity"));
        assertTrue(toast.get("alertId") instanceof Number, String.valueOf(toast));
        assertEquals(
                "role:operator",
                rows.row("SELECT recipient FROM notification_logs WHERE event_id = " + first)
                        .get("recipient"));
    }

    private Map<?, ?> liveData(String message) {
        try {
            return (Map<?, ?>) json.readValue(message, Map.class).get("data");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void pathologicalMatchesRuleOnSixtyThousandCharactersLeavesEveryConsumerAlive() throws Exception {
        long channel = channel("hook-regex", "webhook", "{\"url\":\"" + peer.url("/regex") + "\"}", WEBHOOK_SECRET);
        rule(
                "alternation-star",
                channel,
                ", recipients, conditions",
                ", ARRAY['default'], CAST('{\"path\":\"payload.note\",\"op\":\"matches\",\"value\":\"^(a|b)*$\"}' AS jsonb)");

        // more such events than there are consumers: java.util.regex overflowed the stack and killed one per event
        List<Long> events = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(failedRun("ab".repeat(30_000)));
        }
        long later = failedRun("an ordinary event after them");

        await().atMost(DEADLINE)
                .until(() -> rows.count("SELECT count(*) FROM webhook_events WHERE status = 'processed' AND id IN ("
                                + events.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","))
                                + ", " + later + ")")
                        == 6);
        await().atMost(DEADLINE)
                .until(() -> peer.requests().stream()
                                .filter(r -> r.path().equals("/regex"))
                                .count()
                        == 5);
        assertEquals(
                0,
                rows.count("SELECT count(*) FROM notification_logs WHERE event_id = " + later),
                "the condition does not match it");
        assertEquals(io.micronaut.health.HealthStatus.UP, liveness.status());
    }

    @Test
    void recipientsFromThePayloadFieldStopAtFifty() throws Exception {
        long channel = channel("mail-many", "email", "{\"from\":\"opscenter@example.com\"}", null);
        rule("to-everyone-listed", channel, ", recipient_field", ", 'payload.to'");
        String to = java.util.stream.IntStream.range(0, 400)
                .mapToObj(i -> "\"r" + i + "@example.com\"")
                .collect(java.util.stream.Collectors.joining(","));
        long event = ping("{\"to\":[" + to + "]}");

        await().atMost(DEADLINE)
                .until(() -> "processed"
                        .equals(rows.row("SELECT status FROM webhook_events WHERE id = " + event)
                                .get("status")));
        assertEquals(50, rows.count("SELECT count(*) FROM notification_logs WHERE event_id = " + event));
        assertEquals(
                1,
                rows.count("SELECT count(*) FROM notification_logs WHERE event_id = " + event
                        + " AND recipient = 'r49@example.com'"));
    }

    @Test
    void renderedBodyIsCutAtItsLimit() throws Exception {
        long channel = channel("hook-long", "webhook", "{\"url\":\"" + peer.url("/long") + "\"}", WEBHOOK_SECRET);
        long template = template("long", "webhook", "{{payload.note}}", "{{payload.note}}".repeat(1_000));
        rule("long-text", channel, ", template_id, recipients", ", " + template + ", ARRAY['default']");

        long event = failedRun("x".repeat(100_000));
        await().atMost(DEADLINE)
                .until(() -> rows.count("SELECT count(*) FROM notification_logs WHERE event_id = " + event) == 1);
        Map<String, Object> log = rows.row("SELECT subject, body FROM notification_logs WHERE event_id = " + event);
        assertEquals(1_000, ((String) log.get("subject")).length());
        assertEquals(65_536, ((String) log.get("body")).length());
        assertTrue(((String) log.get("body")).endsWith(dev.opscenter.common.notify.TemplateRenderer.TRUNCATED));
    }

    @Test
    void oneRegexBudgetCoversAllRulesOfAnEvent() throws Exception {
        long channel = channel("hook-budget", "webhook", "{\"url\":\"" + peer.url("/budget") + "\"}", WEBHOOK_SECRET);
        String condition =
                ", ARRAY['default'], CAST('{\"path\":\"payload.note\",\"op\":\"matches\",\"value\":\"y\"}' AS jsonb)";
        long first = rule("scan-1", channel, ", recipients, conditions", condition);
        rule("scan-2", channel, ", recipients, conditions", condition);

        // each rule alone fits the default budget of 1,000,000 characters; both together do not
        long event = failedRun("x".repeat(600_000) + "y");
        await().atMost(DEADLINE)
                .until(() -> "processed"
                        .equals(rows.row("SELECT status FROM webhook_events WHERE id = " + event)
                                .get("status")));
        assertEquals(1, rows.count("SELECT count(*) FROM notification_logs WHERE event_id = " + event));
        assertEquals(
                first,
                ((Number) rows.row("SELECT rule_id FROM notification_logs WHERE event_id = " + event)
                                .get("rule_id"))
                        .longValue());
    }

    /** Stores a GitHub ping event with the given payload (it raises no alert) and enqueues it. */
    private long ping(String payload) throws SQLException {
        return enqueue(rows.event(githubSource, "ping", payload));
    }

    /** The text/html part of a (possibly nested) multipart message, decoded. */
    private static String html(jakarta.mail.Part part) throws Exception {
        if (part.isMimeType("text/html")) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = html(multipart.getBodyPart(i));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    @Test
    void triggeredEventWithoutAlertNotifiesThroughItsEventSourceRule() throws Exception {
        long orders = rows.eventSource("order_created");
        long channel = channel("hook-orders", "webhook", "{\"url\":\"" + peer.url("/orders") + "\"}", WEBHOOK_SECRET);
        long template = template(
                "order", "webhook", "Order {{payload.order.id}}", "{{payload.order.total}} {{payload.order.currency}}");
        rule(
                "big-orders",
                channel,
                ", event_source_id, template_id, recipients, conditions",
                ", " + orders + ", " + template
                        + ", ARRAY['default'], CAST('{\"all\":[{\"path\":\"payload.order.total\",\"op\":\"gte\",\"value\":1000}]}' AS jsonb)");

        long small = triggered(orders, "{\"order\":{\"id\":\"A-1\",\"total\":20,\"currency\":\"EUR\"}}");
        long big = triggered(orders, "{\"order\":{\"id\":\"A-2\",\"total\":1500,\"currency\":\"EUR\"}}");

        await().atMost(DEADLINE).until(() -> "sent".equals(status(big)));
        assertEquals(
                "processed",
                rows.row("SELECT status FROM webhook_events WHERE id = " + small)
                        .get("status"));
        assertEquals(
                0,
                rows.count("SELECT count(*) FROM notification_logs WHERE event_id = " + small),
                "the condition filters it out");
        assertEquals(
                0,
                rows.count("SELECT count(*) FROM alerts WHERE event_id IN (" + small + ", " + big + ")"),
                "this source raises no alerts");
        Receiver.Request request = peer.requests().stream()
                .filter(r -> r.path().equals("/orders"))
                .findFirst()
                .orElseThrow();
        assertTrue(request.body().contains("Order A-2") && request.body().contains("1500 EUR"), request.body());
    }

    /** Stores an event triggered through the event source (its type is the source's name) and enqueues it. */
    private long triggered(long eventSource, String payload) throws SQLException {
        return enqueue(rows.triggered(eventSource).payload(payload).store());
    }

    private String status(long event) throws SQLException {
        return (String)
                rows.row("SELECT status FROM notification_logs WHERE event_id = " + event + " ORDER BY id LIMIT 1")
                        .get("status");
    }

    private int attempts(long event) throws SQLException {
        Object a = rows.row("SELECT attempts FROM notification_logs WHERE event_id = " + event + " ORDER BY id LIMIT 1")
                .get("attempts");
        return a == null ? -1 : ((Number) a).intValue();
    }

    private Instant nextAttempt(long event) throws SQLException {
        return ((java.sql.Timestamp) rows.row("SELECT next_attempt_at FROM notification_logs WHERE event_id = " + event)
                        .get("next_attempt_at"))
                .toInstant();
    }

    /**
     * The retry was scheduled at some instant between {@code from} and now (the test clock runs in real time), so its
     * delay lies between next - now and next - from: that range must meet [low, high].
     */
    private void assertDelay(Duration low, Duration high, Instant from, Instant next, String what) {
        Duration atMost = Duration.between(from, next);
        Duration atLeast = Duration.between(clock.instant(), next);
        assertTrue(
                atMost.compareTo(low) >= 0 && atLeast.compareTo(high) <= 0,
                what + ": between " + atLeast + " and " + atMost);
    }

    private static void assertBetween(Duration low, Duration high, Duration actual, String what) {
        assertTrue(actual.compareTo(low) >= 0 && actual.compareTo(high) <= 0, what + ": " + actual);
    }
}
