/** Checks the deployment files at the repository root (docker-compose.yml, deploy/) against what the services need. */
package dev.opscenter.e2e.deploy;
