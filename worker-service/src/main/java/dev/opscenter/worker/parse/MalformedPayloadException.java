package dev.opscenter.worker.parse;

/** MalformedPayloadException says a provider that always sends a JSON object sent something else; retrying cannot help. */
public final class MalformedPayloadException extends RuntimeException {

    public MalformedPayloadException(String message) {
        super(message);
    }
}
