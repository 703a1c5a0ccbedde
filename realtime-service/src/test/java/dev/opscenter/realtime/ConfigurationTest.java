package dev.opscenter.realtime;

import dev.opscenter.common.testing.ConfigurationContract;

/** realtime-service's defaults live in its application.yml, and docs/configuration.md tells the truth about them. */
class ConfigurationTest extends ConfigurationContract {
    ConfigurationTest() {
        super("realtime-service");
    }
}
