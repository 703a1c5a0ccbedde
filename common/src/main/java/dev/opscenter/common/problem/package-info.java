/** Every HTTP error of every service leaves as RFC 9457 {@code application/problem+json}. */
package dev.opscenter.common.problem;
