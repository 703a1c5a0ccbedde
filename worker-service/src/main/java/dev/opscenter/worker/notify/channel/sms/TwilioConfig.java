package dev.opscenter.worker.notify.channel.sms;

import dev.opscenter.worker.notify.channel.ChannelConfig;
import dev.opscenter.worker.notify.channel.InvalidChannelConfigException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * TwilioConfig is an SMS channel's settings: {@code baseUrl} (default the Twilio API), {@code accountSid},
 * {@code from} (a number or sender id), and the auth token as the secret.
 */
record TwilioConfig(String baseUrl, String accountSid, String from, String authToken) {
    static final String DEFAULT_BASE_URL = "https://api.twilio.com";
    private static final Pattern SID = Pattern.compile("[A-Za-z0-9]+");

    static TwilioConfig from(ChannelConfig channel) {
        String base = channel.text("baseUrl").orElse(DEFAULT_BASE_URL).replaceAll("/+$", "");
        if (!base.startsWith("https://") && !base.startsWith("http://")) {
            throw new InvalidChannelConfigException("config.baseUrl must be an http(s) URL");
        }
        String sid = channel.requiredText("accountSid");
        if (!SID.matcher(sid).matches()) {
            throw new InvalidChannelConfigException("config.accountSid must be letters and digits");
        }
        return new TwilioConfig(base, sid, channel.requiredText("from"), channel.requiredSecret("auth token"));
    }

    /** The Messages resource of the account. */
    URI messages() {
        try {
            return URI.create(baseUrl + "/2010-04-01/Accounts/" + accountSid + "/Messages.json");
        } catch (IllegalArgumentException e) {
            throw new InvalidChannelConfigException("config.baseUrl is not a valid URL");
        }
    }

    /** HTTP basic credentials: account SID and auth token. */
    String authorization() {
        return "Basic "
                + Base64.getEncoder().encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "TwilioConfig[baseUrl=" + baseUrl + ", accountSid=" + accountSid + ", from=" + from + ", authToken=***]";
    }
}
