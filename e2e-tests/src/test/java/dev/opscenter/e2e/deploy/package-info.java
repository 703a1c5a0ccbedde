/**
 * Checks the deployment files at the repository root (docker-compose.yml, deploy/, the Jib settings of pom.xml)
 * against what the services need: Kubernetes objects read strictly into the API's model classes, the CRDs' required
 * fields, lock-down, the connection budget, and (ObservabilityMetricsIT) every metric the alert rules and dashboard
 * use against a scrape of the running services.
 */
package dev.opscenter.e2e.deploy;
