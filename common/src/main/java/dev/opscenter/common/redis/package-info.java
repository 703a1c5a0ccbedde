/** Redis key names shared by the producer (ingress), the consumer (worker) and the fan-out (realtime). */
package dev.opscenter.common.redis;
