/** What the OpsCenter services share: wire contracts, Redis key names, signature and secret crypto. */
package dev.opscenter.common;
