package dev.opscenter.worker.notify.channel.email;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.opscenter.common.vocabulary.ChannelType;
import dev.opscenter.worker.notify.channel.ChannelConfig;
import dev.opscenter.worker.notify.channel.ChannelSenders;
import dev.opscenter.worker.notify.channel.Message;
import dev.opscenter.worker.notify.channel.SendResult;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Email through the real SMTP client into GreenMail, authenticating the way a production relay asks for. */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmailSenderIT implements TestPropertyProvider {
    private static final String HTML =
            "<h2>Payment failed</h2>\n<p>Charge <b>ch_1</b> for $12.50 &amp; fees was declined.</p>"
                    + "<p><a href=\"https://dashboard.example.com/alerts/7\">Open alert</a></p>";
    private static final String TEXT = "Payment failed\n\nCharge ch_1 for $12.50 & fees was declined.\n\n"
            + "Open alert (https://dashboard.example.com/alerts/7)";

    private final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(
                    GreenMailConfiguration.aConfig().withUser("alerts@opscenter.test", "alerts", "smtp-password"));

    @Inject
    ChannelSenders senders;

    private final ChannelConfig channel = new ChannelConfig(
            2,
            ChannelType.EMAIL,
            Map.of("from", "OpsCenter <alerts@opscenter.test>", "replyTo", "oncall-leads@example.com"),
            null);

    @Override
    public Map<String, String> getProperties() {
        smtp.start();
        Map<String, String> properties = new HashMap<>();
        properties.put("javamail.properties.mail.smtp.host", "127.0.0.1");
        properties.put(
                "javamail.properties.mail.smtp.port",
                Integer.toString(smtp.getSmtp().getPort()));
        properties.put("javamail.authentication.username", "alerts");
        properties.put("javamail.authentication.password", "smtp-password");
        // this context only sends mail: no stream consumers, no migrations
        properties.put("opscenter.worker.enabled", "false");
        properties.put("flyway.datasources.default.enabled", "false");
        return properties;
    }

    @AfterAll
    void stop() {
        smtp.stop();
    }

    @BeforeEach
    void emptyMailboxes() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
    }

    @Test
    void deliversHtmlWithATextAlternative() throws Exception {
        SendResult result =
                senders.send(channel, "oncall@example.com", new Message("[error] Payment failed", HTML, null, "ntf_9"));

        assertInstanceOf(SendResult.Sent.class, result);
        assertTrue(smtp.waitForIncomingEmail(5_000, 1));
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertEquals("[error] Payment failed", mail.getSubject());
        assertArrayEquals(
                new InternetAddress[] {new InternetAddress("oncall@example.com")},
                mail.getRecipients(MimeMessage.RecipientType.TO));
        assertEquals("alerts@opscenter.test", ((InternetAddress) mail.getFrom()[0]).getAddress());
        assertEquals("OpsCenter", ((InternetAddress) mail.getFrom()[0]).getPersonal());
        assertEquals("oncall-leads@example.com", ((InternetAddress) mail.getReplyTo()[0]).getAddress());
        assertEquals("auto-generated", mail.getHeader("Auto-Submitted", null));
        assertEquals("ntf_9", mail.getHeader("X-OpsCenter-Notification", null));
        assertEquals(HTML, part(mail, "text/html").strip());
        assertEquals(TEXT, part(mail, "text/plain").strip());
    }

    @Test
    void missingSubjectGetsADefault() throws Exception {
        senders.send(channel, "oncall@example.com", new Message(null, "<p>hi</p>", null, "ntf_10"));
        assertTrue(smtp.waitForIncomingEmail(5_000, 1));
        assertEquals(EmailSender.DEFAULT_SUBJECT, smtp.getReceivedMessages()[0].getSubject());
    }

    @Test
    void malformedRecipientIsPermanent() {
        SendResult result = senders.send(channel, "not an address", new Message("s", "<p>b</p>", null, "ntf_11"));
        assertInstanceOf(SendResult.Permanent.class, result);
        assertEquals(0, smtp.getReceivedMessages().length);
    }

    @Test
    void malformedSenderIsAConfigError() {
        ChannelConfig broken = new ChannelConfig(2, ChannelType.EMAIL, Map.of("from", "alerts at example"), null);
        SendResult.Permanent p = assertInstanceOf(
                SendResult.Permanent.class,
                senders.send(broken, "oncall@example.com", new Message("s", "<p>b</p>", null, "ntf_12")));
        assertTrue(p.error().contains("config.from"), p.error());
    }

    /** The first body part of the given type, looking through nested multiparts, with LF line ends. */
    private static String part(Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return ((String) part.getContent()).replace("\r\n", "\n"); // SMTP sends lines as CRLF
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String found = part(child, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
