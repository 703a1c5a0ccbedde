package dev.opscenter.worker.notify.channel.email;

import dev.opscenter.common.net.OutboundPolicy;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.email.javamail.sender.DefaultSessionProvider;
import io.micronaut.email.javamail.sender.MailPropertiesProvider;
import io.micronaut.email.javamail.sender.SessionProvider;
import jakarta.inject.Singleton;
import jakarta.mail.Authenticator;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import java.util.Properties;

/**
 * SmtpSessionProvider builds the one mail Session from {@code javamail.properties}. It replaces the default provider
 * for two reasons: that one uses the JVM-wide default Session, so a second configuration in the same JVM silently
 * gets the first one's server; and it always authenticates, while here a blank {@code javamail.authentication.username}
 * (SMTP_USER unset) means an open relay such as a local MTA. Socket timeouts get defaults, so a stuck server cannot
 * hold a sender thread forever. Sockets come from GuardedSocketFactory, so the SMTP host is held to the outbound
 * policy like every other channel destination.
 */
@Singleton
@Replaces(DefaultSessionProvider.class)
@Requires(beans = MailPropertiesProvider.class)
final class SmtpSessionProvider implements SessionProvider {
    private final Session session;

    SmtpSessionProvider(
            MailPropertiesProvider mailProperties,
            OutboundPolicy policy,
            @Property(name = "javamail.authentication.username") @Nullable String username,
            @Property(name = "javamail.authentication.password") @Nullable String password) {
        Properties properties = mailProperties.mailProperties();
        properties.putIfAbsent("mail.smtp.connectiontimeout", "5000");
        properties.putIfAbsent("mail.smtp.timeout", "10000");
        properties.putIfAbsent("mail.smtp.writetimeout", "10000");
        properties.put("mail.smtp.socketFactory", new GuardedSocketFactory(policy));
        properties.put("mail.smtp.socketFactory.fallback", "false");
        Authenticator authenticator = null;
        if (username != null && !username.isBlank()) {
            properties.putIfAbsent("mail.smtp.auth", "true");
            PasswordAuthentication credentials = new PasswordAuthentication(username, password == null ? "" : password);
            authenticator = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return credentials;
                }
            };
        }
        this.session = Session.getInstance(properties, authenticator);
    }

    @Override
    public Session session() {
        return session;
    }
}
