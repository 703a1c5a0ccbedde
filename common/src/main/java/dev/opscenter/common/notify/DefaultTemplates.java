package dev.opscenter.common.notify;

import dev.opscenter.common.vocabulary.ChannelType;

/**
 * DefaultTemplates is what a rule without a template sends: the alert's title and message (or, for a triggered event
 * that raised no alert, its type and source). Email bodies are HTML; the other channels take text. The worker sends
 * them and a rule dry-run shows them, so both render the same text.
 */
public final class DefaultTemplates {
    private DefaultTemplates() {}

    /** Subject template when a rule has none. */
    public static String subject(boolean hasAlert) {
        return hasAlert ? "[{{alert.severity}}] {{alert.title}}" : "{{event.type}} from {{event.source}}";
    }

    /** Body template when a rule has none; HTML for email. */
    public static String body(boolean hasAlert, ChannelType channelType) {
        boolean html = channelType.html();
        if (hasAlert) {
            return html
                    ? "<p><strong>{{alert.title}}</strong></p><p>{{alert.message}}</p><p>Source: {{alert.sourceName}} · severity {{alert.severity}} · event #{{event.id}}</p>"
                    : "{{alert.message}}\n\nSource: {{alert.sourceName}} · severity {{alert.severity}} · event #{{event.id}}";
        }
        return html
                ? "<p>{{event.type}} from {{event.source}} (event #{{event.id}})</p><pre>{{payload}}</pre>"
                : "{{event.type}} from {{event.source}} (event #{{event.id}})\n{{payload}}";
    }
}
