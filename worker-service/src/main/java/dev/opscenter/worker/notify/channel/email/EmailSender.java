package dev.opscenter.worker.notify.channel.email;

import dev.opscenter.common.vocabulary.ChannelType;
import dev.opscenter.worker.notify.channel.ChannelConfig;
import dev.opscenter.worker.notify.channel.ChannelSender;
import dev.opscenter.worker.notify.channel.Message;
import dev.opscenter.worker.notify.channel.SendResult;
import io.micronaut.context.annotation.Requires;
import io.micronaut.email.Contact;
import io.micronaut.email.Email;
import io.micronaut.email.EmailException;
import io.micronaut.email.MultipartBody;
import io.micronaut.email.javamail.sender.JavaxEmailComposer;
import jakarta.inject.Singleton;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.validation.ConstraintViolationException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * EmailSender sends the body as HTML with a plain-text alternative (tags stripped) through the configured SMTP
 * server. Present only when {@code javamail.properties.mail.smtp.host} is set (SMTP_HOST); without it email
 * channels fail as Permanent ("no sender … on this worker"). A malformed address is Permanent; SMTP failures are
 * judged by SmtpOutcome.
 */
@Singleton
@Requires(property = "javamail.properties.mail.smtp.host", pattern = ".+")
final class EmailSender implements ChannelSender {
    static final String DEFAULT_SUBJECT = "OpsCenter notification";

    private final JavaxEmailComposer composer;

    // Composes with Micronaut Email but sends with Transport directly: its sender logs every refusal (a greylisted
    // address included) as an ERROR with a stack trace, while here a refusal is an ordinary, recorded result.
    EmailSender(JavaxEmailComposer composer) {
        this.composer = composer;
    }

    @Override
    public ChannelType type() {
        return ChannelType.EMAIL;
    }

    @Override
    public SendResult send(ChannelConfig channel, String recipient, Message message) {
        EmailConfig config = EmailConfig.from(channel);
        Contact to;
        try {
            InternetAddress address = new InternetAddress(recipient == null ? "" : recipient.trim(), true);
            to = new Contact(address.getAddress(), address.getPersonal());
        } catch (AddressException e) {
            return new SendResult.Permanent(null, "not a valid email address: " + e.getMessage());
        }
        String html = message.body() == null ? "" : message.body();
        Email.Builder email = Email.builder()
                .from(config.from())
                .to(to)
                .subject(subject(message))
                .body(new MultipartBody(html, HtmlText.plain(html)));
        if (config.replyTo() != null) {
            email.replyTo(config.replyTo());
        }
        try {
            Transport.send(composer.compose(email.build(), headers(message)));
            return new SendResult.Sent(null, "accepted by the SMTP server");
        } catch (ConstraintViolationException e) {
            return new SendResult.Permanent(
                    null,
                    "not a valid email: "
                            + e.getConstraintViolations().stream()
                                    .map(v -> v.getPropertyPath() + " " + v.getMessage())
                                    .sorted()
                                    .collect(Collectors.joining(", ")));
        } catch (EmailException | MessagingException e) {
            return SmtpOutcome.of(e);
        }
    }

    private static String subject(Message message) {
        String subject = message.subject() == null || message.subject().isBlank() ? DEFAULT_SUBJECT : message.subject();
        // a subject is one header line; a line break in it would start a new header
        return subject.replaceAll("[\\r\\n]+", " ").strip();
    }

    /** Marks the mail as automatic (RFC 3834: no auto-replies) and carries the notification key for tracing. */
    private static Consumer<jakarta.mail.Message> headers(Message message) {
        return m -> {
            try {
                m.setHeader("Auto-Submitted", "auto-generated");
                if (message.idempotencyKey() != null) {
                    m.setHeader("X-OpsCenter-Notification", message.idempotencyKey());
                }
            } catch (MessagingException e) {
                throw new EmailException(e);
            }
        };
    }
}
