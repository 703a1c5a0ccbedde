package dev.opscenter.worker.parse;

/** PayloadParser turns the events of one source kind into alerts. */
interface PayloadParser {

    /** Parses the event; throws {@link MalformedPayloadException} only when the kind requires a JSON object. */
    ParsedAlert parse(InboundEvent event);
}
