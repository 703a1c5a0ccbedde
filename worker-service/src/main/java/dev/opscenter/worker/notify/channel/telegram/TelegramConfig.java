package dev.opscenter.worker.notify.channel.telegram;

import dev.opscenter.worker.notify.channel.ChannelConfig;
import dev.opscenter.worker.notify.channel.InvalidChannelConfigException;
import java.net.URI;
import java.util.regex.Pattern;

/** TelegramConfig is a Telegram channel's settings: the Bot API base URL (config {@code baseUrl}) and the bot token (secret). */
record TelegramConfig(String baseUrl, String token) {
    static final String DEFAULT_BASE_URL = "https://api.telegram.org";
    /** Tokens look like {@code 123456:AA…}; anything else could reshape the request path. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9:_-]+");

    static TelegramConfig from(ChannelConfig channel) {
        String base = channel.text("baseUrl").orElse(DEFAULT_BASE_URL).replaceAll("/+$", "");
        if (!base.startsWith("https://") && !base.startsWith("http://")) {
            throw new InvalidChannelConfigException("config.baseUrl must be an http(s) URL");
        }
        String token = channel.requiredSecret("bot token");
        if (!TOKEN.matcher(token).matches()) {
            throw new InvalidChannelConfigException("the bot token has characters a Telegram token never has");
        }
        return new TelegramConfig(base, token);
    }

    /** The sendMessage method's URL; it contains the token, so it is never logged or put in an error. */
    URI sendMessage() {
        try {
            return URI.create(baseUrl + "/bot" + token + "/sendMessage");
        } catch (IllegalArgumentException e) {
            throw new InvalidChannelConfigException("config.baseUrl is not a valid URL");
        }
    }

    @Override
    public String toString() {
        return "TelegramConfig[baseUrl=" + baseUrl + ", token=***]";
    }
}
