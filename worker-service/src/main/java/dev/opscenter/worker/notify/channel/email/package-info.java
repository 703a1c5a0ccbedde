/**
 * Email over SMTP through Micronaut Email (Jakarta Mail): the server comes from the application's {@code javamail}
 * configuration, the channel config names the sender, the recipient is the address; HTML with a text alternative.
 */
package dev.opscenter.worker.notify.channel.email;
