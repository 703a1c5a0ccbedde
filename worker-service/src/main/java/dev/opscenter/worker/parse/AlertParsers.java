package dev.opscenter.worker.parse;

import jakarta.inject.Singleton;

/**
 * AlertParsers picks the parser for the source kind. Not final: a test stands in a parser that throws an Error, which
 * no payload can make ours throw.
 */
@Singleton
public class AlertParsers {

    private final GitHubParser github = new GitHubParser();
    private final StripeParser stripe = new StripeParser();
    private final GenericParser generic = new GenericParser();
    private final StandardParser standard = new StandardParser(generic);

    /** Parses one stored event into an alert. */
    public ParsedAlert parse(InboundEvent event) {
        PayloadParser parser = switch (event.kind()) {
            case GITHUB -> github;
            case STRIPE -> stripe;
            case STANDARD -> standard;
            case GENERIC -> generic;
        };
        return parser.parse(event);
    }
}
