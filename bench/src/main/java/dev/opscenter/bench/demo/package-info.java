/**
 * The demo ({@code bin/opscenter demo}): recorded provider payloads from worker-service's test fixtures, signed with
 * the project's own {@link dev.opscenter.common.signature} schemes and the dev secrets, posted to the four sources
 * ingress seeds in the dev environment. {@link dev.opscenter.bench.demo.Demo} is the entry point.
 */
package dev.opscenter.bench.demo;
