package dev.opscenter.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.net.OutboundPolicy;
import dev.opscenter.common.notify.NotifyLimits;
import dev.opscenter.common.redis.RedisKeys;
import io.micronaut.context.ApplicationContext;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/**
 * Only the keys every service reads the same way have their default in common's code (docs/configuration.md says
 * so); every other default is a service's, in its application.yml.
 */
class SharedConfigurationTest {

    @Test
    void sharedKeysBindToTheirDefaultsWithoutConfiguration() throws Exception {
        try (ApplicationContext context = ApplicationContext.run()) {
            assertEquals("opscenter:", context.getBean(RedisKeys.class).prefix());
            assertEquals(NotifyLimits.DEFAULTS, context.getBean(NotifyLimits.class));
            assertTrue(context.getBean(OutboundPolicy.class).refusal(InetAddress.getLoopbackAddress()).isPresent(),
                    "nothing is allow-listed by default");
        }
    }
}
