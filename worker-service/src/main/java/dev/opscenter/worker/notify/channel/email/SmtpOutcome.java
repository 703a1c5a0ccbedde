package dev.opscenter.worker.notify.channel.email;

import dev.opscenter.common.net.RefusedAddressException;
import dev.opscenter.worker.notify.channel.SendResult;
import jakarta.mail.AuthenticationFailedException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SmtpOutcome classifies a failed SMTP send by the server's reply code, found in the exception chain (Jakarta Mail
 * puts the reply line in the message of its SMTP exceptions): 5xx is Permanent (unknown mailbox, rejected message);
 * 4xx, no reply at all (connection refused, timeout) and failed authentication are Retryable; credentials are fixed
 * by an operator, not by the message, so they must not fail the notification for good.
 */
final class SmtpOutcome {
    private static final Pattern REPLY_CODE = Pattern.compile("^\\s*([45]\\d\\d)(?:[\\s-]|$)");
    private static final int MAX_ERROR = 300;

    private SmtpOutcome() {}

    static SendResult of(Throwable failure) {
        List<Throwable> chain = chain(failure);
        for (Throwable t : chain) {
            if (t instanceof RefusedAddressException refused) {
                return new SendResult.Permanent(
                        null, "destination not allowed: the SMTP host resolves to " + refused.reason());
            }
        }
        Integer code = null;
        for (Throwable t : chain) {
            Matcher m = REPLY_CODE.matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                code = Integer.valueOf(m.group(1));
                break;
            }
        }
        boolean authentication = chain.stream().anyMatch(AuthenticationFailedException.class::isInstance);
        String error = (authentication ? "SMTP authentication failed: " : "SMTP: ") + describe(chain);
        if (code != null && code >= 500 && !authentication) {
            return new SendResult.Permanent(code, error);
        }
        return new SendResult.Retryable(null, code, error);
    }

    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        // MessagingException's cause is its next exception, so this also walks nested per-address failures.
        for (Throwable t = failure; t != null && chain.size() < 10 && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static String describe(List<Throwable> chain) {
        Set<String> messages = new LinkedHashSet<>();
        for (Throwable t : chain) {
            // a wrapper whose message is just its cause's toString() adds nothing
            boolean wrapper = t.getCause() != null && t.getCause().toString().equals(t.getMessage());
            if (t.getMessage() != null && !t.getMessage().isBlank() && !wrapper) {
                messages.add(t.getMessage().strip().replaceAll("\\s+", " "));
            }
        }
        String text = messages.isEmpty()
                ? chain.get(chain.size() - 1).getClass().getSimpleName()
                : String.join("; ", messages);
        return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR - 1) + "…";
    }
}
