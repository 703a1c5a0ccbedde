/** ingress-service: webhooks in (verify, record, enqueue), admin REST API, dashboard files. */
package dev.opscenter.ingress;
