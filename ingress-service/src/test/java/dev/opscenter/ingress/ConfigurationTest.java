package dev.opscenter.ingress;

import dev.opscenter.common.testing.ConfigurationContract;

/** ingress-service's defaults live in its application.yml, and docs/configuration.md tells the truth about them. */
class ConfigurationTest extends ConfigurationContract {
    ConfigurationTest() {
        super("ingress-service");
    }
}
