package dev.opscenter.worker.notify.channel;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** ChannelHttpSettings bounds every outbound HTTP call of the channels (Slack, Telegram, SMS, webhooks). */
@ConfigurationProperties("opscenter.channels.http")
public record ChannelHttpSettings(Duration connectTimeout, Duration requestTimeout) {}
