package dev.opscenter.worker.notify.channel.email;

import dev.opscenter.worker.notify.channel.ChannelConfig;
import dev.opscenter.worker.notify.channel.InvalidChannelConfigException;
import io.micronaut.email.Contact;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * EmailConfig is an email channel's settings: the {@code from} address and an optional {@code replyTo}, each a
 * plain address or {@code Display Name <address>}.
 */
record EmailConfig(Contact from, Contact replyTo) {

    static EmailConfig from(ChannelConfig channel) {
        Contact from = contact(channel.requiredText("from"), "from");
        Contact replyTo =
                channel.text("replyTo").map(a -> contact(a, "replyTo")).orElse(null);
        return new EmailConfig(from, replyTo);
    }

    private static Contact contact(String value, String key) {
        try {
            InternetAddress address = new InternetAddress(value, true);
            return new Contact(address.getAddress(), address.getPersonal());
        } catch (AddressException e) {
            throw new InvalidChannelConfigException("config." + key + " is not a valid email address");
        }
    }
}
