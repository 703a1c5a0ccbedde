package dev.opscenter.worker.parse;

import static dev.opscenter.worker.parse.JsonFields.element;
import static dev.opscenter.worker.parse.JsonFields.flag;
import static dev.opscenter.worker.parse.JsonFields.node;
import static dev.opscenter.worker.parse.JsonFields.number;
import static dev.opscenter.worker.parse.JsonFields.text;
import static dev.opscenter.worker.parse.Text.firstNonNull;
import static java.util.Map.entry;

import dev.opscenter.common.alert.Severity;
import io.micronaut.json.tree.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * StripeParser reads Stripe event objects ({@code {"type": …, "data": {"object": …}}}). Money that did not move
 * (failed payments, charges, invoices, payouts) is an error; an opened dispute is critical because Stripe has
 * already withdrawn the funds and evidence is due by a deadline; a canceled subscription is a warning.
 */
final class StripeParser implements PayloadParser {

    /** How a known event type reads and how urgent it is. */
    private record Rule(String title, Severity severity) {}

    private static final Map<String, Rule> RULES = Map.ofEntries(
            entry("charge.dispute.created", new Rule("Dispute opened", Severity.CRITICAL)),
            entry("payment_intent.payment_failed", new Rule("Payment failed", Severity.ERROR)),
            entry("charge.failed", new Rule("Charge failed", Severity.ERROR)),
            entry("invoice.payment_failed", new Rule("Invoice payment failed", Severity.ERROR)),
            entry("payout.failed", new Rule("Payout failed", Severity.ERROR)),
            entry("customer.subscription.deleted", new Rule("Subscription canceled", Severity.WARNING)),
            entry("invoice.payment_action_required", new Rule("Invoice needs customer action", Severity.WARNING)),
            entry("payment_intent.succeeded", new Rule("Payment succeeded", Severity.INFO)),
            entry("charge.succeeded", new Rule("Charge succeeded", Severity.INFO)),
            entry("invoice.paid", new Rule("Invoice paid", Severity.INFO)),
            entry("invoice.payment_succeeded", new Rule("Invoice paid", Severity.INFO)),
            entry("payout.paid", new Rule("Payout paid", Severity.INFO)),
            entry("customer.subscription.created", new Rule("Subscription started", Severity.INFO)),
            entry("checkout.session.completed", new Rule("Checkout completed", Severity.INFO)));

    @Override
    public ParsedAlert parse(InboundEvent event) {
        JsonNode payload = event.payload();
        if (payload == null || !payload.isObject()) {
            throw new MalformedPayloadException("Stripe event " + event.id() + " is not a JSON object");
        }
        String type = Objects.requireNonNullElse(firstNonNull(event.eventType(), text(payload, "type")), "event");
        JsonNode object = node(payload, "data", "object");
        Money money = money(object);
        String customer = customer(object);
        boolean livemode = flag(payload, "livemode") || flag(object, "livemode");
        Metadata metadata = new Metadata()
                .put("eventId", text(payload, "id"))
                .put("type", type)
                .put("objectId", text(object, "id"))
                .put("objectType", text(object, "object"))
                .put("customer", customer)
                .put("amount", money == null ? null : money.minorUnits())
                .put("currency", money == null ? null : money.currency())
                .put("amountFormatted", money == null ? null : money.formatted())
                .put("livemode", livemode)
                .put("status", text(object, "status"));
        String reason = failure(type, object, metadata);
        String subject = subject(type, object, money);
        Rule rule = RULES.get(type);
        String title = (rule == null ? "Stripe " + type : rule.title())
                + (subject == null ? "" : ": " + subject)
                + (customer == null ? "" : " (" + customer + ")");
        String objectLine = Text.joined(text(object, "id"), text(object, "description"), livemode ? null : "test mode");
        String url = firstNonNull(text(object, "hosted_invoice_url"), text(object, "receipt_url"), text(object, "url"));
        metadata.put("url", url);
        return new ParsedAlert(
                title,
                Text.lines(reason, objectLine, url),
                rule == null ? Severity.INFO : rule.severity(),
                metadata.toMap());
    }

    /** The amount the event is about, in the field each object type keeps it in. */
    private static Money money(JsonNode object) {
        String objectType = Objects.requireNonNullElse(text(object, "object"), "");
        Long amount = switch (objectType) {
            case "checkout.session" -> number(object, "amount_total");
            case "invoice" -> firstNumber(number(object, "amount_due"), number(object, "total"));
            case "subscription" ->
                firstNumber(
                        number(object, "plan", "amount"),
                        number(element(object, 0, "items", "data"), "price", "unit_amount"));
            default -> firstNumber(number(object, "amount"), number(object, "amount_total"));
        };
        String currency = firstNonNull(
                text(object, "currency"),
                text(object, "plan", "currency"),
                text(element(object, 0, "items", "data"), "price", "currency"));
        return amount == null || currency == null ? null : new Money(amount, currency);
    }

    /** What the title names after the verb: usually the amount, for subscriptions the plan and its price. */
    private static String subject(String type, JsonNode object, Money money) {
        if (type.startsWith("customer.subscription.")) {
            JsonNode item = element(object, 0, "items", "data");
            String plan = firstNonNull(
                    text(object, "plan", "nickname"),
                    text(object, "plan", "name"),
                    text(item, "price", "nickname"),
                    text(object, "plan", "id"),
                    text(item, "price", "id"));
            String interval =
                    firstNonNull(text(object, "plan", "interval"), text(item, "price", "recurring", "interval"));
            String price = money == null ? null : money.formatted() + (interval == null ? "" : "/" + interval);
            return plan == null ? price : plan + (price == null ? "" : ", " + price);
        }
        return money == null ? null : money.formatted();
    }

    /**
     * Why money did not move, as Stripe explains it (for a paid invoice: which invoice, billed to whom); also records
     * the codes in the metadata.
     */
    private static String failure(String type, JsonNode object, Metadata metadata) {
        JsonNode error = node(object, "last_payment_error");
        if (error != null) {
            metadata.put("failureCode", text(error, "code"))
                    .put("declineCode", text(error, "decline_code"))
                    .put("failureMessage", text(error, "message"));
            return withCode(text(error, "message"), firstNonNull(text(error, "decline_code"), text(error, "code")));
        }
        String failureMessage = text(object, "failure_message");
        String failureCode = text(object, "failure_code");
        if (failureMessage != null || failureCode != null) {
            metadata.put("failureCode", failureCode).put("failureMessage", failureMessage);
            String decline = text(object, "outcome", "reason");
            metadata.put("declineCode", decline);
            return withCode(failureMessage, firstNonNull(decline, failureCode));
        }
        if ("dispute".equals(text(object, "object"))) {
            String reason = text(object, "reason");
            Long dueBy = number(object, "evidence_details", "due_by");
            metadata.put("reason", reason)
                    .put("charge", text(object, "charge"))
                    .put(
                            "evidenceDueBy",
                            dueBy == null ? null : Instant.ofEpochSecond(dueBy).toString());
            return "Reason: " + Text.humanize(reason)
                    + (dueBy == null ? "" : "; evidence due by " + Instant.ofEpochSecond(dueBy));
        }
        if ("invoice".equals(text(object, "object")) && paid(type, object)) {
            String number = text(object, "number");
            String email = text(object, "customer_email");
            metadata.put("invoiceNumber", number);
            return (number == null ? "Invoice" : "Invoice " + number) + " is paid"
                    + (email == null ? "" : "; billed to " + email);
        }
        if ("invoice".equals(text(object, "object"))) {
            Long attempts = number(object, "attempt_count");
            Long next = number(object, "next_payment_attempt");
            metadata.put("attemptCount", attempts)
                    .put(
                            "nextPaymentAttempt",
                            next == null ? null : Instant.ofEpochSecond(next).toString());
            return "Attempt " + Objects.requireNonNullElse(attempts, 0L) + " failed"
                    + (next == null ? "; no retry scheduled" : "; next retry " + Instant.ofEpochSecond(next));
        }
        return null;
    }

    /**
     * Whether an invoice is paid: the event says so, or the invoice does. Newer API versions dropped the invoice's
     * {@code paid} flag, so its absence alone does not mean a failed attempt.
     */
    private static boolean paid(String type, JsonNode object) {
        return type.equals("invoice.paid")
                || type.equals("invoice.payment_succeeded")
                || flag(object, "paid")
                || "paid".equals(text(object, "status"));
    }

    private static String customer(JsonNode object) {
        JsonNode customer = node(object, "customer");
        // Expanded objects carry the id inside; plain references are the id itself.
        return customer != null && customer.isObject() ? text(customer, "id") : text(object, "customer");
    }

    private static String withCode(String message, String code) {
        if (message == null) {
            return code;
        }
        return code == null ? message : message + " (" + code + ")";
    }

    private static Long firstNumber(Long first, Long second) {
        return first != null ? first : second;
    }
}
