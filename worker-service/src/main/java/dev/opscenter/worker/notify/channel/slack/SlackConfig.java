package dev.opscenter.worker.notify.channel.slack;

import dev.opscenter.worker.notify.channel.ChannelConfig;
import dev.opscenter.worker.notify.channel.InvalidChannelConfigException;
import java.net.URI;

/** SlackConfig is a Slack channel's only setting: the incoming-webhook URL, kept as the encrypted channel secret. */
record SlackConfig(URI webhookUrl) {

    static SlackConfig from(ChannelConfig channel) {
        String url = channel.requiredSecret("incoming-webhook URL");
        try {
            URI uri = URI.create(url);
            if ((!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new InvalidChannelConfigException("the Slack webhook URL must be an http(s) URL");
            }
            return new SlackConfig(uri);
        } catch (IllegalArgumentException e) {
            // The message would quote the URL, which is the secret.
            throw new InvalidChannelConfigException("the Slack webhook URL is not a valid URL");
        }
    }

    @Override
    public String toString() {
        return "SlackConfig[webhookUrl=***]";
    }
}
