package dev.opscenter.ingress.ratelimit;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * ThrottleSettings: how many failed authentications a client may make per window before it gets 429, and how long
 * Redis is left alone after it fails (failures are then counted per replica).
 */
@ConfigurationProperties("opscenter.auth-throttle")
record ThrottleSettings(int maxFailures, Duration window, Duration redisBackoff) {}
