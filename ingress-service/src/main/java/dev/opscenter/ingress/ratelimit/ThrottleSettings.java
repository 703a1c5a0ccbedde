package dev.opscenter.ingress.ratelimit;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * ThrottleSettings: how many failed authentications a client may make per window before it gets 429, and how long
 * Redis is left alone after it fails (failures are then counted per replica).
 */
@ConfigurationProperties("opscenter.auth-throttle")
record ThrottleSettings(@Bindable(defaultValue = "20") int maxFailures,
                        @Bindable(defaultValue = "1m") Duration window,
                        @Bindable(defaultValue = "30s") Duration redisBackoff) {
}
