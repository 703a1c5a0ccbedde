/**
 * Crash recovery end to end: services killed with SIGKILL while a provider keeps delivering, and the
 * platform still ends with every accepted event processed exactly once.
 */
package dev.opscenter.e2e.crash;
