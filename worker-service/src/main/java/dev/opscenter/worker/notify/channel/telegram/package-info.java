/**
 * Telegram through the Bot API: the channel secret is the bot token, the recipient a chat id or {@code @channel};
 * text over 4,096 characters goes out as consecutive messages, and a retry sends only the parts not yet delivered.
 */
package dev.opscenter.worker.notify.channel.telegram;
