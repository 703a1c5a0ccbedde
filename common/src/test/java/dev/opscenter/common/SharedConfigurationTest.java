package dev.opscenter.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.net.OutboundPolicy;
import dev.opscenter.common.notify.NotifyLimits;
import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.testing.CodeConfiguration;
import dev.opscenter.common.testing.CodeConfiguration.InlineDefault;
import dev.opscenter.common.testing.ConfigurationDoc;
import io.micronaut.context.ApplicationContext;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Only the keys every service reads the same way have their default in common's code (docs/configuration.md says
 * so); every other default is a service's, in its application.yml.
 */
class SharedConfigurationTest {
    /** The records and the class whose defaults all three services share. */
    private static final Set<String> SHARED_DEFAULTS =
            Set.of("RedisKeys.java", "RedisClientOptions.java", "NotifyLimits.java", "OutboundPolicy.java");

    @Test
    void onlyTheSharedKeysHaveDefaultsInCommon() {
        List<String> elsewhere =
                CodeConfiguration.scan(ConfigurationDoc.read().root(), "common/src/main/java").inlineDefaults().stream()
                        .filter(d ->
                                !SHARED_DEFAULTS.contains(d.file().getFileName().toString()))
                        .map(InlineDefault::fix)
                        .toList();
        assertTrue(elsewhere.isEmpty(), () -> String.join("\n", elsewhere));
    }

    @Test
    void sharedKeysBindToTheirDefaultsWithoutConfiguration() throws Exception {
        try (ApplicationContext context = ApplicationContext.run()) {
            assertEquals("opscenter:", context.getBean(RedisKeys.class).prefix());
            assertEquals(NotifyLimits.DEFAULTS, context.getBean(NotifyLimits.class));
            assertTrue(
                    context.getBean(OutboundPolicy.class)
                            .refusal(InetAddress.getLoopbackAddress())
                            .isPresent(),
                    "nothing is allow-listed by default");
        }
    }
}
