/** The clock every service reads time from, so tests can move it instead of waiting. */
package dev.opscenter.common.time;
