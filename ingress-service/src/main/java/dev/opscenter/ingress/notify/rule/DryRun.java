package dev.opscenter.ingress.notify.rule;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;

/** Request and result of a rule dry-run. */
final class DryRun {
    private DryRun() {}

    /**
     * Evaluate the stored rule {@code ruleId}, or the unsaved {@code rule}, against the newest {@code limit} events
     * (20 when absent).
     */
    @Serdeable
    record Request(
            @Nullable Long ruleId,
            @Nullable RuleInput rule,

            @Nullable @Min(value = 1, message = LIMIT) @Max(value = MAX_LIMIT, message = LIMIT)
            Integer limit) {
        static final int DEFAULT_LIMIT = 20;
        static final int MAX_LIMIT = 200;
        static final String LIMIT = "1 to " + MAX_LIMIT + " events";
    }

    /**
     * What the rule would have sent for one event.
     *
     * @param recipients     the first recipients, in sending order
     * @param recipientCount how many recipients there are in all
     * @param subject        null without a template or subject
     * @param body           null without a template
     * @param missing        variables the template uses that this event does not have
     */
    @Serdeable
    record Match(
            long eventId,
            @Nullable Long alertId,
            @Nullable String eventType,
            String source,
            List<String> recipients,
            long recipientCount,
            @Nullable String subject,
            @Nullable String body,
            List<String> missing) {}

    /**
     * The outcome.
     *
     * @param evaluated how many events were looked at
     */
    @Serdeable
    record Result(int evaluated, List<Match> matches) {}
}
