package dev.opscenter.worker.parse;

import static dev.opscenter.worker.parse.JsonFields.text;

/**
 * StandardParser reads Standard Webhooks deliveries: {@code {"type", "timestamp", "data"}} with the message id in
 * the {@code webhook-id} header. The payload shape is the sender's own, so alert fields are read the generic way;
 * the envelope adds the delivery id and event time to the metadata.
 */
final class StandardParser implements PayloadParser {

    private final GenericParser generic;

    StandardParser(GenericParser generic) {
        this.generic = generic;
    }

    @Override
    public ParsedAlert parse(InboundEvent event) {
        Metadata envelope = new Metadata()
                .put("webhookId", event.header("webhook-id"))
                .put("timestamp", text(event.payload(), "timestamp"));
        return generic.parse(event, envelope);
    }
}
