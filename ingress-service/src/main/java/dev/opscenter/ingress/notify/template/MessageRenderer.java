package dev.opscenter.ingress.notify.template;

import dev.opscenter.common.notify.NotifyLimits;
import dev.opscenter.common.notify.Rendered;
import dev.opscenter.common.notify.TemplateRenderer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MessageRenderer fills a template in the way the worker does: values in an email body are HTML-escaped, subjects and
 * every other channel's text are not, and both are cut at the same lengths.
 */
public final class MessageRenderer {
    private MessageRenderer() {}

    /** Renders subject (if any) and body against a notification context, within the limits' lengths. */
    public static RenderedMessage render(Template template, Map<String, Object> context, NotifyLimits limits) {
        Set<String> missing = new LinkedHashSet<>();
        String subject = null;
        if (template.subject() != null) {
            Rendered s = TemplateRenderer.render(
                    template.subject(), context, TemplateRenderer.Escape.NONE, limits.maxSubjectChars());
            missing.addAll(s.missing());
            subject = s.text();
        }
        TemplateRenderer.Escape escape =
                template.channelType().html() ? TemplateRenderer.Escape.HTML : TemplateRenderer.Escape.NONE;
        Rendered body = TemplateRenderer.render(template.body(), context, escape, limits.maxBodyChars());
        missing.addAll(body.missing());
        return new RenderedMessage(subject, body.text(), List.copyOf(missing));
    }
}
