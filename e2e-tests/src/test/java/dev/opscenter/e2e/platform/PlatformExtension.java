package dev.opscenter.e2e.platform;

import dev.opscenter.common.testing.TestEnvironment;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * PlatformExtension gives a test class its own schema, Redis prefix and running services:
 * {@code @RegisterExtension static final PlatformExtension PLATFORM = new PlatformExtension();}.
 * When a test fails it prints the end of each service log next to the failure.
 */
public final class PlatformExtension implements BeforeAllCallback, AfterAllCallback, TestWatcher {
    private final Map<String, String> extraEnv;
    private TestEnvironment env;
    private Platform platform;

    public PlatformExtension() {
        this(Map.of());
    }

    /** A platform whose services all get this extra environment, e.g. shorter recovery timings. */
    public PlatformExtension(Map<String, String> extraEnv) {
        this.extraEnv = Map.copyOf(extraEnv);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        env = TestEnvironment.create();
        platform = Platform.start(env, context.getRequiredTestClass().getSimpleName(), extraEnv);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (platform != null) {
            System.err.println("Service logs after " + context.getDisplayName() + " failed:" + platform.logTails());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (platform != null) {
                platform.close();
            }
        } finally {
            if (env != null) {
                env.close();
            }
        }
    }

    /** The schema and Redis prefix the services run against, for asserting on what they stored. */
    public TestEnvironment environment() {
        return env;
    }

    /** The running services; valid between beforeAll and afterAll. */
    public Platform platform() {
        return platform;
    }
}
