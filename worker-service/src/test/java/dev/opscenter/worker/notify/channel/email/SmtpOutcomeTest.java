package dev.opscenter.worker.notify.channel.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.worker.notify.channel.SendResult;
import io.micronaut.email.EmailException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

/** The exception shapes Jakarta Mail (Angus) produces, bare from Transport or wrapped by Micronaut Email's composer. */
class SmtpOutcomeTest {

    private static EmailException rcptRejected(int code, String reply) throws Exception {
        InternetAddress to = new InternetAddress("someone@example.com");
        return new EmailException(new SendFailedException(
                "Invalid Addresses", new SMTPAddressFailedException(to, "RCPT TO:<someone@example.com>", code, reply)));
    }

    @Test
    void unknownMailboxIsPermanent() throws Exception {
        SendResult.Permanent p = assertInstanceOf(
                SendResult.Permanent.class, SmtpOutcome.of(rcptRejected(550, "550 5.1.1 User unknown\n")));
        assertEquals(550, p.responseCode());
        assertEquals("SMTP: Invalid Addresses; 550 5.1.1 User unknown", p.error());
    }

    @Test
    void temporaryRecipientFailureIsRetryable() throws Exception {
        SendResult.Retryable r = assertInstanceOf(
                SendResult.Retryable.class, SmtpOutcome.of(rcptRejected(450, "450 4.2.1 Mailbox busy")));
        assertEquals(450, r.responseCode());
        assertNull(r.after());
    }

    @Test
    void rejectedMessageIsPermanent() {
        SMTPSendFailedException e =
                new SMTPSendFailedException("DATA", 552, "552 5.3.4 Message too big\n", null, null, null, null);
        assertEquals(new SendResult.Permanent(552, "SMTP: 552 5.3.4 Message too big"), SmtpOutcome.of(e));
    }

    @Test
    void connectionFailureIsRetryable() {
        EmailException e = new EmailException(new MessagingException(
                "Couldn't connect to host, port: 127.0.0.1, 1; timeout 5000",
                new ConnectException("Connection refused")));
        SendResult.Retryable r = assertInstanceOf(SendResult.Retryable.class, SmtpOutcome.of(e));
        assertNull(r.responseCode());
        assertTrue(r.error().contains("Connection refused"), r.error());
    }

    @Test
    void failedAuthenticationIsRetryableDespiteItsCode() {
        EmailException e =
                new EmailException(new AuthenticationFailedException("535 5.7.8 Authentication credentials invalid"));
        SendResult.Retryable r = assertInstanceOf(SendResult.Retryable.class, SmtpOutcome.of(e));
        assertEquals(535, r.responseCode());
        assertTrue(r.error().startsWith("SMTP authentication failed"), r.error());
    }
}
