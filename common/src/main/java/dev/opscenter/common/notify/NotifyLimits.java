package dev.opscenter.common.notify;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * NotifyLimits bounds what one rule and one event may cost; ingress (saving, dry-run, preview) and the worker (real
 * sends) read the same keys, so a dry-run shows what a send does. The defaults below are the only ones (neither
 * service's application.yml repeats them); docs/configuration.md documents the keys.
 *
 * @param maxConditionLeaves conditions ({@code path/op/value} leaves) one rule may have; more are refused when saved
 * @param regexBudget        characters of event text all {@code matches} conditions together may scan for one event
 * @param maxFieldRecipients recipients taken from the rule's recipient field per event; the rest are dropped
 * @param maxSubjectChars    longest rendered subject (and throttle group key); longer ones are cut with a marker
 * @param maxBodyChars       longest rendered body; longer ones are cut with a marker
 */
@ConfigurationProperties("opscenter.notify-limits")
public record NotifyLimits(
        @Bindable(defaultValue = "100") int maxConditionLeaves,
        @Bindable(defaultValue = "1000000") long regexBudget,
        @Bindable(defaultValue = "50") int maxFieldRecipients,
        @Bindable(defaultValue = "1000") int maxSubjectChars,
        @Bindable(defaultValue = "65536") int maxBodyChars) {

    /** The documented defaults, for code without configuration (tests, the static entry points). */
    public static final NotifyLimits DEFAULTS = new NotifyLimits(100, 1_000_000, 50, 1000, 65_536);

    /** A fresh budget for one event. */
    public RegexBudget newRegexBudget() {
        return new RegexBudget(regexBudget);
    }
}
