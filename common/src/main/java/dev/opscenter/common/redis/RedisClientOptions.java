package dev.opscenter.common.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Makes Redis failures fast: commands fail at once while disconnected instead of queueing in memory, and every
 * command has a bounded timeout. PostgreSQL is the source of truth, so a caller that cannot reach Redis moves on
 * and lets the sweeper catch up; it must never hang a webhook response for a minute.
 */
@Singleton
final class RedisClientOptions implements BeanCreatedEventListener<RedisClient> {
    private final Settings settings;

    RedisClientOptions(Settings settings) {
        this.settings = settings;
    }

    @Override
    public RedisClient onCreated(BeanCreatedEvent<RedisClient> event) {
        RedisClient client = event.getBean();
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder()
                        .connectTimeout(settings.connectTimeout())
                        .keepAlive(true)
                        .build())
                .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
                .build());
        return client;
    }

    /**
     * Timeouts for every Redis connection of a service.
     *
     * @param commandTimeout longest wait for one command; must exceed any blocking read's block time
     * @param connectTimeout longest wait for a TCP connect
     */
    @ConfigurationProperties("opscenter.redis.client")
    record Settings(
            @Bindable(defaultValue = "5s") Duration commandTimeout,
            @Bindable(defaultValue = "2s") Duration connectTimeout) {}
}
