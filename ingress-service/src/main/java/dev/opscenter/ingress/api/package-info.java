/** Cross-cutting parts of the admin API: bearer-token auth, paging, stats, system health, UI config, database-down mapping. */
package dev.opscenter.ingress.api;
