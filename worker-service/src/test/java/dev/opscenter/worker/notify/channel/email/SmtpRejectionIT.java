package dev.opscenter.worker.notify.channel.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.vocabulary.ChannelType;
import dev.opscenter.worker.notify.channel.ChannelConfig;
import dev.opscenter.worker.notify.channel.ChannelSenders;
import dev.opscenter.worker.notify.channel.Message;
import dev.opscenter.worker.notify.channel.SendResult;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** How SMTP refusals end: the real mail client against a server that rejects on cue, or against no server at all. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmtpRejectionIT {
    private static final ChannelConfig CHANNEL =
            new ChannelConfig(2, ChannelType.EMAIL, Map.of("from", "alerts@opscenter.test"), null);
    private static final Message MESSAGE = new Message("Disk full", "<p>db-1 at 97%</p>", null, "ntf_20");

    private final ScriptedSmtpServer smtp = new ScriptedSmtpServer();
    private final ApplicationContext context = mailContext(smtp.port());
    private final ChannelSenders senders = context.getBean(ChannelSenders.class);

    private static ApplicationContext mailContext(int port) {
        return ApplicationContext.run(Map.of(
                "javamail.properties.mail.smtp.host", "127.0.0.1",
                "javamail.properties.mail.smtp.port", Integer.toString(port),
                // SMTP_USER and SMTP_PASSWORD unset: no authentication
                "javamail.authentication.username", "",
                "javamail.authentication.password", "",
                "opscenter.worker.enabled", "false",
                "flyway.datasources.default.enabled", "false"));
    }

    @AfterAll
    void stop() {
        context.close();
        smtp.close();
    }

    @Test
    void unknownMailboxIsPermanent() {
        smtp.answer("550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown", "250 2.0.0 queued");
        SendResult.Permanent p =
                assertInstanceOf(SendResult.Permanent.class, senders.send(CHANNEL, "nobody@example.com", MESSAGE));
        assertEquals(550, p.responseCode());
        assertTrue(p.error().contains("User unknown"), p.error());
    }

    @Test
    void greylistedRecipientIsRetryable() {
        smtp.answer("451 4.7.1 Greylisted, please try again later", "250 2.0.0 queued");
        SendResult.Retryable r =
                assertInstanceOf(SendResult.Retryable.class, senders.send(CHANNEL, "oncall@example.com", MESSAGE));
        assertEquals(451, r.responseCode());
    }

    @Test
    void messageRefusedAfterDataIsPermanent() {
        smtp.answer("250 2.1.5 OK", "554 5.7.1 Message rejected as spam");
        SendResult.Permanent p =
                assertInstanceOf(SendResult.Permanent.class, senders.send(CHANNEL, "oncall@example.com", MESSAGE));
        assertEquals(554, p.responseCode());
    }

    @Test
    void fullMailboxIsRetryable() {
        smtp.answer("250 2.1.5 OK", "452 4.2.2 Mailbox full");
        SendResult.Retryable r =
                assertInstanceOf(SendResult.Retryable.class, senders.send(CHANNEL, "oncall@example.com", MESSAGE));
        assertEquals(452, r.responseCode());
    }

    @Test
    void acceptedMessageIsSent() {
        smtp.answer("250 2.1.5 OK", "250 2.0.0 queued as 4F2A");
        assertInstanceOf(SendResult.Sent.class, senders.send(CHANNEL, "oncall@example.com", MESSAGE));
    }

    @Test
    void refusedConnectionIsRetryable() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        try (ApplicationContext nowhere = mailContext(closedPort)) {
            SendResult.Retryable r = assertInstanceOf(
                    SendResult.Retryable.class,
                    nowhere.getBean(ChannelSenders.class).send(CHANNEL, "oncall@example.com", MESSAGE));
            assertNull(r.responseCode());
        }
    }

    @Test
    void smtpHostOnLoopbackIsRefusedWhenNotAllowListed() {
        try (ApplicationContext strict = ApplicationContext.run(Map.of(
                "javamail.properties.mail.smtp.host", "localhost",
                "javamail.properties.mail.smtp.port", Integer.toString(smtp.port()),
                "javamail.authentication.username", "",
                "opscenter.outbound.allow", "",
                "opscenter.worker.enabled", "false",
                "flyway.datasources.default.enabled", "false"))) {
            SendResult.Permanent p = assertInstanceOf(
                    SendResult.Permanent.class,
                    strict.getBean(ChannelSenders.class).send(CHANNEL, "oncall@example.com", MESSAGE));
            assertEquals("destination not allowed: the SMTP host resolves to a loopback address", p.error());
        }
    }

    @Test
    void withoutAnSmtpHostEmailChannelsFailPermanently() {
        // SMTP_HOST unset leaves the host empty
        try (ApplicationContext noMail = ApplicationContext.run(Map.of(
                "javamail.properties.mail.smtp.host",
                "",
                "opscenter.worker.enabled",
                "false",
                "flyway.datasources.default.enabled",
                "false"))) {
            SendResult.Permanent p = assertInstanceOf(
                    SendResult.Permanent.class,
                    noMail.getBean(ChannelSenders.class).send(CHANNEL, "oncall@example.com", MESSAGE));
            assertTrue(p.error().contains("email"), p.error());
        }
    }
}
