package dev.opscenter.worker;

import dev.opscenter.common.testing.ConfigurationContract;

/** worker-service's defaults live in its application.yml, and docs/configuration.md tells the truth about them. */
class ConfigurationTest extends ConfigurationContract {
    ConfigurationTest() {
        super("worker-service");
    }
}
