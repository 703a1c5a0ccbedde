package dev.opscenter.ingress.notify.rule;

import dev.opscenter.common.alert.Severity;
import dev.opscenter.common.notify.DefaultTemplates;
import dev.opscenter.common.notify.NotifyLimits;
import dev.opscenter.common.notify.RegexBudget;
import dev.opscenter.common.notify.RuleMatch;
import dev.opscenter.common.vocabulary.ChannelType;
import dev.opscenter.ingress.notify.StoredEvent;
import dev.opscenter.ingress.notify.StoredEvents;
import dev.opscenter.ingress.notify.group.GroupRepository;
import dev.opscenter.ingress.notify.template.MessageRenderer;
import dev.opscenter.ingress.notify.template.RenderedMessage;
import dev.opscenter.ingress.notify.template.Template;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * DryRunner evaluates a rule against recent stored events and shows what it would send: recipients and rendered
 * text per matching event, within the same limits as the worker (one regex budget per event, recipients from a
 * field, text lengths). Nothing is sent or stored.
 */
@Singleton
final class DryRunner {
    /** Recipients listed per match; the count covers them all. */
    static final int SHOWN_RECIPIENTS = 20;

    private final StoredEvents events;
    private final GroupRepository groups;
    private final AudienceEmails audiences;
    private final NotifyLimits limits;

    DryRunner(StoredEvents events, GroupRepository groups, AudienceEmails audiences, NotifyLimits limits) {
        this.events = events;
        this.groups = groups;
        this.audiences = audiences;
        this.limits = limits;
    }

    DryRun.Result run(RuleDraft rule, int limit) {
        List<StoredEvent> recent = events.latest(limit);
        long groupSize = rule.recipientGroupId() == null ? 0 : groups.count(rule.recipientGroupId());
        AudienceSample users = rule.audience() == null || rule.channelType() == ChannelType.CONSOLE
                ? null
                : new AudienceSample(
                        audiences.first(
                                rule.audience(),
                                SHOWN_RECIPIENTS + rule.recipients().size()),
                        audiences.count(rule.audience()));
        List<DryRun.Match> matches = new ArrayList<>();
        for (StoredEvent e : recent) {
            Severity severity =
                    e.alert() == null ? null : Severity.parse(e.alert().severity());
            var event = new RuleMatch.Event(e.sourceId(), e.eventSourceId(), e.eventType(), severity, e.context());
            RegexBudget budget =
                    limits.newRegexBudget(); // the worker's budget is per event; here one rule is all there is
            if (RuleMatch.matches(rule.criteria(), event, budget)) {
                matches.add(match(rule, e, groupSize, users));
            }
        }
        return new DryRun.Result(recent.size(), matches);
    }

    private DryRun.Match match(RuleDraft rule, StoredEvent e, long groupSize, @Nullable AudienceSample users) {
        // as the worker does: a webhook recipient is a URL, never taken from event data
        String field = rule.channelType().takesEventRecipients() ? rule.recipientField() : null;
        List<String> direct = RuleMatch.audience(
                        rule.recipients(), field, e.context(), List.of(), limits.maxFieldRecipients())
                .recipients();
        List<String> shown = direct;
        long count = direct.size();
        if (rule.recipientGroupId() != null) {
            // A group may hold many thousands: read only enough members to list the first few, and count the rest,
            // subtracting those already named directly.
            List<String> first = groups.members(rule.recipientGroupId(), null, SHOWN_RECIPIENTS + direct.size());
            shown = RuleMatch.audience(rule.recipients(), field, e.context(), first, limits.maxFieldRecipients())
                    .recipients();
            count += groupSize - groups.countAmong(rule.recipientGroupId(), direct);
        }
        if (rule.audience() != null && rule.channelType() == ChannelType.CONSOLE) {
            // one toast, shown by every open console of the audience
            shown = List.of(rule.audience().value());
            count = 1;
        } else if (rule.audience() != null) {
            // e-mail to each user of the audience, once per address, as the worker fans out
            shown = RuleMatch.audience(
                            rule.recipients(), field, e.context(), users.first(), limits.maxFieldRecipients())
                    .recipients();
            count += users.count() - audiences.countAmong(rule.audience(), direct);
        }
        RenderedMessage text = MessageRenderer.render(
                rule.template() != null ? rule.template() : defaultTemplate(rule, e), e.context(), limits);
        return new DryRun.Match(
                e.id(),
                e.alert() == null ? null : e.alert().id(),
                e.eventType(),
                e.source(),
                List.copyOf(shown.subList(0, Math.min(SHOWN_RECIPIENTS, shown.size()))),
                count,
                text.subject(),
                text.body(),
                text.missing());
    }

    /** The first addresses of an e-mail audience, enough to list a match's first recipients, and how many it has. */
    private record AudienceSample(List<String> first, long count) {}

    /** What the worker sends for a rule without a template (see DefaultTemplates). */
    private static Template defaultTemplate(RuleDraft rule, StoredEvent e) {
        boolean hasAlert = e.alert() != null;
        return new Template(
                0,
                "(default)",
                rule.channelType(),
                DefaultTemplates.subject(hasAlert),
                DefaultTemplates.body(hasAlert, rule.channelType()),
                null,
                null);
    }
}
