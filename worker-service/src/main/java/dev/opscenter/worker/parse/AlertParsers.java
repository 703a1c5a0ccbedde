package dev.opscenter.worker.parse;

import jakarta.inject.Singleton;

import java.util.Locale;
import java.util.Map;

/**
 * AlertParsers picks the parser for the source kind; unknown kinds are read as generic JSON. Not final: a test stands
 * in a parser that throws an Error, which no payload can make ours throw.
 */
@Singleton
public class AlertParsers {

    private final Map<String, PayloadParser> byKind;
    private final PayloadParser fallback;

    public AlertParsers() {
        GenericParser generic = new GenericParser();
        this.byKind = Map.of(
                "github", new GitHubParser(),
                "stripe", new StripeParser(),
                "standard", new StandardParser(generic),
                "generic", generic);
        this.fallback = generic;
    }

    /** Parses one stored event into an alert. */
    public ParsedAlert parse(InboundEvent event) {
        String kind = event.kind() == null ? "" : event.kind().toLowerCase(Locale.ROOT);
        return byKind.getOrDefault(kind, fallback).parse(event);
    }
}
