/** The structured fields log lines carry while an event, notification or delivery is handled (SLF4J MDC). */
package dev.opscenter.common.log;
