package dev.opscenter.worker.parse;

import static dev.opscenter.worker.parse.GitHubParserTest.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.opscenter.common.alert.Severity;
import dev.opscenter.worker.parse.GitHubParserTest.Row;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StripeParserTest {

    private final AlertParsers parsers = new AlertParsers();

    static Stream<Row> events() {
        return Stream.of(
                row(
                        "payment_intent.payment_failed",
                        "payment_intent.payment_failed",
                        "stripe/payment_intent.payment_failed.json",
                        Severity.ERROR,
                        "Payment failed: 10.99 USD",
                        "eventId",
                        "evt_00000000000000",
                        "objectId",
                        "pi_00000000000000",
                        "amount",
                        1099L,
                        "currency",
                        "USD",
                        "livemode",
                        false,
                        "failureMessage",
                        "The payment failed.",
                        "failureCode",
                        "payment_intent_payment_attempt_failed"),
                row(
                        "charge.failed",
                        "charge.failed",
                        "stripe/charge.failed.json",
                        Severity.ERROR,
                        "Charge failed: 22.00 USD",
                        "eventId",
                        "evt_3TbGfyJEe0yY0QKr08P0MBRO",
                        "objectId",
                        "ch_3TbGfyJEe0yY0QKr0Nh9uVjd",
                        "amount",
                        2200L,
                        "currency",
                        "USD",
                        "amountFormatted",
                        "22.00 USD",
                        "failureCode",
                        "card_declined",
                        "declineCode",
                        "generic_decline",
                        "failureMessage",
                        "Your card was declined."),
                row(
                        "charge.dispute.created",
                        "charge.dispute.created",
                        "stripe/charge.dispute.created.json",
                        Severity.CRITICAL,
                        "Dispute opened: 22.00 USD",
                        "objectId",
                        "du_1TbG46JEe0yY0QKr8P0G3pa3",
                        "reason",
                        "product_not_received",
                        "charge",
                        "ch_3TbG44JEe0yY0QKr0aPnlMSQ",
                        "evidenceDueBy",
                        "2026-06-03T23:59:59Z"),
                row(
                        "invoice.payment_failed",
                        "invoice.payment_failed",
                        "stripe/invoice.payment_failed.json",
                        Severity.ERROR,
                        "Invoice payment failed: 0.00 AUD (cus_00000000000000)",
                        "objectId",
                        "in_00000000000000",
                        "customer",
                        "cus_00000000000000",
                        "currency",
                        "AUD",
                        "nextPaymentAttempt",
                        "2016-12-02T10:48:49Z"),
                row(
                        "payout.failed",
                        "payout.failed",
                        "stripe/payout.failed.json",
                        Severity.ERROR,
                        "Payout failed: 11.00 USD",
                        "objectId",
                        "po_00000000000000",
                        "amount",
                        1100L),
                row(
                        "customer.subscription.deleted",
                        "customer.subscription.deleted",
                        "stripe/customer.subscription.deleted.json",
                        Severity.WARNING,
                        "Subscription canceled: Gold Special, 20.00 AUD/month (cus_00000000000000)",
                        "objectId",
                        "sub_00000000000000",
                        "customer",
                        "cus_00000000000000",
                        "status",
                        "canceled"),
                row(
                        "payment_intent.succeeded",
                        "payment_intent.succeeded",
                        "stripe/payment_intent.succeeded.json",
                        Severity.INFO,
                        "Payment succeeded: 10.00 USD",
                        "objectId",
                        "pi_1IqxJOJDPojXS6LN9uOebAea",
                        "amount",
                        1000L),
                row(
                        "charge.succeeded",
                        "charge.succeeded",
                        "stripe/charge.succeeded.json",
                        Severity.INFO,
                        "Charge succeeded: 222.00 USD",
                        "url",
                        "https://pay.stripe.com/receipts/payment/exampleReceiptToken"),
                row(
                        "invoice.payment_succeeded",
                        "invoice.payment_succeeded",
                        "stripe/invoice.payment_succeeded.json",
                        Severity.INFO,
                        "Invoice paid: 10.00 USD (cus_00000000000000)",
                        "url",
                        "https://pay.stripe.com/invoice/invst_IH3jVDl7ovgEn6FgamLGRz0uiA"),
                row(
                        "invoice.paid",
                        "invoice.paid",
                        Fixtures.edited(
                                "stripe/invoice.payment_succeeded.json",
                                "\"type\": \"invoice.payment_succeeded\"",
                                "\"type\": \"invoice.paid\""),
                        Severity.INFO,
                        "Invoice paid: 10.00 USD (cus_00000000000000)",
                        "type",
                        "invoice.paid"),
                row("payout.paid", "payout.paid", "stripe/payout.paid.json", Severity.INFO, "Payout paid: 11.00 USD"),
                row(
                        "customer.subscription.created",
                        "customer.subscription.created",
                        "stripe/customer.subscription.created.json",
                        Severity.INFO,
                        "Subscription started: Gold Special, 20.00 AUD/month (cus_00000000000000)"),
                row(
                        "checkout.session.completed",
                        "checkout.session.completed",
                        "stripe/checkout.session.completed.json",
                        Severity.INFO,
                        "Checkout completed: 9.99 EUR (cus_IhGfebO16cMIGN)",
                        "customer",
                        "cus_IhGfebO16cMIGN",
                        "amount",
                        999L,
                        "livemode",
                        true),
                row(
                        "unknown event type",
                        "customer.created",
                        "stripe/customer.created.json",
                        Severity.INFO,
                        "Stripe customer.created",
                        "objectId",
                        "cus_00000000000000",
                        "type",
                        "customer.created"),
                row(
                        "zero-decimal currency",
                        "charge.succeeded",
                        Fixtures.edited(
                                "stripe/charge.succeeded.json", "\"currency\": \"usd\"", "\"currency\": \"jpy\""),
                        Severity.INFO,
                        "Charge succeeded: 22200 JPY",
                        "amount",
                        22200L,
                        "currency",
                        "JPY",
                        "amountFormatted",
                        "22200 JPY"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void mapsEventToAlert(Row row) {
        ParsedAlert alert = parsers.parse(Fixtures.event("stripe", row.eventType(), row.body()));

        assertEquals(row.severity(), alert.severity(), "severity");
        assertEquals(row.title(), alert.title(), "title");
        row.metadata()
                .forEach((key, value) -> assertEquals(value, alert.metadata().get(key), "metadata " + key));
    }

    @Test
    void failureMessageExplainsTheDecline() {
        ParsedAlert alert =
                parsers.parse(Fixtures.event("stripe", "charge.failed", Fixtures.text("stripe/charge.failed.json")));

        assertEquals(
                "Your card was declined. (generic_decline)\n" + "ch_3TbGfyJEe0yY0QKr0Nh9uVjd · dwfwdqf · test mode",
                alert.message());
    }

    @Test
    void paidInvoiceReadsAsSuccessEvenWithoutThePaidFlag() {
        // API versions from 2025 send invoices without "paid"; bin/opscenter demo sends one like that
        ParsedAlert alert = parsers.parse(Fixtures.event(
                "stripe",
                "invoice.paid",
                Fixtures.edited(
                        "stripe/invoice.payment_succeeded.json",
                        "\"paid\": true,",
                        "\"customer_email\": \"billing@example.com\",")));

        assertEquals(
                "Invoice 7DBE74C-0001 is paid; billed to billing@example.com",
                alert.message().lines().findFirst().orElseThrow());
        assertFalse(alert.message().contains("failed"), alert.message());
        assertFalse(alert.metadata().containsKey("attemptCount"), "no failed attempt to count");
    }

    @Test
    void failedInvoiceCountsTheAttemptAndTheNextRetry() {
        ParsedAlert alert = parsers.parse(Fixtures.event(
                "stripe", "invoice.payment_failed", Fixtures.text("stripe/invoice.payment_failed.json")));

        assertEquals(
                "Attempt 0 failed; next retry 2016-12-02T10:48:49Z",
                alert.message().lines().findFirst().orElseThrow());
    }

    @Test
    void readsTypeFromPayloadWhenNotGiven() {
        ParsedAlert alert = parsers.parse(Fixtures.event("stripe", null, Fixtures.text("stripe/payout.failed.json")));

        assertEquals(Severity.ERROR, alert.severity());
        assertEquals("Payout failed: 11.00 USD", alert.title());
    }

    @Test
    void expandedCustomerObjectGivesItsId() {
        ParsedAlert alert = parsers.parse(Fixtures.event(
                "stripe",
                "payment_intent.succeeded",
                Fixtures.edited(
                        "stripe/payment_intent.succeeded.json",
                        "\"customer\": null",
                        "\"customer\": {\"id\": \"cus_X1\"}")));

        assertEquals("cus_X1", alert.metadata().get("customer"));
        assertEquals("Payment succeeded: 10.00 USD (cus_X1)", alert.title());
    }

    @Test
    void eventWithoutDataObjectStillGivesAlert() {
        ParsedAlert alert = parsers.parse(Fixtures.event("stripe", "charge.failed", "{\"id\":\"evt_1\"}"));

        assertEquals(Severity.ERROR, alert.severity());
        assertEquals("Charge failed", alert.title());
    }
}
