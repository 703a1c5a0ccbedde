/**
 * Console toasts: a rule on a console channel publishes a {@code toast} message on the live channel, which realtime
 * forwards to every open console; the page shows it to the consoles of the rule's audience.
 */
package dev.opscenter.worker.notify.channel.console;
