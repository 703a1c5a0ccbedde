package dev.opscenter.worker.notify.channel.slack;

import dev.opscenter.worker.notify.channel.Message;
import dev.opscenter.worker.notify.channel.TextSplitter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SlackBlocks turns a message into an incoming-webhook payload: a header block with the subject, the body in mrkdwn
 * sections of at most 3,000 characters, a context block with the alert's source and severity, and a {@code text}
 * fallback for notifications. Values are escaped (&amp;, &lt;, &gt;) so alert content cannot mention
 * {@code <!channel>} or forge links; Slack still links bare URLs.
 */
final class SlackBlocks {
    static final int HEADER_MAX = 150;
    static final int SECTION_MAX = 3000;
    static final int FALLBACK_MAX = 3000;
    /** Slack accepts 50 blocks per message: one header, one context, the rest for the body. */
    static final int MAX_SECTIONS = 48;

    private SlackBlocks() {}

    static Map<String, Object> payload(Message message) {
        List<Object> blocks = new ArrayList<>();
        String subject = message.subject() == null || message.subject().isBlank()
                ? null
                : message.subject().strip();
        if (subject != null) {
            // header text is plain_text: no mrkdwn, so no escaping either
            blocks.add(Map.of("type", "header", "text", plain(TextSplitter.truncate(subject, HEADER_MAX))));
        }
        String body = escape(message.body() == null ? "" : message.body());
        List<String> sections = body.isBlank() ? List.of() : TextSplitter.split(body, SECTION_MAX);
        if (sections.size() > MAX_SECTIONS) {
            sections = new ArrayList<>(sections.subList(0, MAX_SECTIONS));
            sections.set(
                    MAX_SECTIONS - 1,
                    TextSplitter.truncate(sections.get(MAX_SECTIONS - 1), SECTION_MAX - 20) + " (truncated)");
        }
        for (String section : sections) {
            blocks.add(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", section)));
        }
        List<Object> context = contextElements(message.data());
        if (!context.isEmpty()) {
            blocks.add(Map.of("type", "context", "elements", context));
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        String fallback = subject != null ? escape(subject) : body;
        payload.put("text", TextSplitter.truncate(fallback.isBlank() ? "(empty message)" : fallback, FALLBACK_MAX));
        payload.put("blocks", blocks);
        return payload;
    }

    private static List<Object> contextElements(Map<String, Object> data) {
        List<Object> elements = new ArrayList<>();
        if (data == null) {
            return elements;
        }
        Object source = data.get("sourceName") != null ? data.get("sourceName") : data.get("source");
        if (source != null) {
            elements.add(Map.of("type", "mrkdwn", "text", "*Source:* " + escape(source.toString())));
        }
        if (data.get("severity") != null) {
            elements.add(Map.of(
                    "type",
                    "mrkdwn",
                    "text",
                    "*Severity:* " + escape(data.get("severity").toString())));
        }
        return elements;
    }

    private static Map<String, Object> plain(String text) {
        return Map.of("type", "plain_text", "text", text, "emoji", true);
    }

    /** Slack's three control characters; everything else is literal. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
