/**
 * Delivering one rendered notification over one channel: the sending pipeline hands {@link
 * dev.opscenter.worker.notify.channel.ChannelSenders} a channel, a recipient and a message, the sender of that channel type
 * talks to the provider, and the {@link dev.opscenter.worker.notify.channel.SendResult} says whether it was delivered
 * and, if not, whether a retry is worth it. One subpackage per channel type.
 */
package dev.opscenter.worker.notify.channel;
