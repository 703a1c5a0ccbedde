package dev.opscenter.worker.notify.channel;

/** InvalidChannelConfigException says a channel's settings cannot work; retrying will not help, so it ends as Permanent. */
public final class InvalidChannelConfigException extends RuntimeException {
    public InvalidChannelConfigException(String message) {
        super(message);
    }
}
