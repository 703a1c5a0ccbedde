package dev.opscenter.worker.notify.channel;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/** ChannelHttpSettings bounds every outbound HTTP call of the channels (Slack, Telegram, SMS, webhooks). */
@ConfigurationProperties("opscenter.channels.http")
public record ChannelHttpSettings(
        @Bindable(defaultValue = "5s") Duration connectTimeout,
        @Bindable(defaultValue = "10s") Duration requestTimeout) {

    /** The defaults: 5 s to connect, 10 s for the whole exchange. */
    public static ChannelHttpSettings defaults() {
        return new ChannelHttpSettings(Duration.ofSeconds(5), Duration.ofSeconds(10));
    }
}
