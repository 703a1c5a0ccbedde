package dev.opscenter.worker.parse;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;

/**
 * Money is a Stripe amount: an integer in the currency's smallest unit, as every Stripe API object carries it.
 * Stripe's decimal places differ from ISO 4217 for a few currencies, so the lists below follow Stripe's
 * "Supported currencies" page rather than {@link java.util.Currency}.
 *
 * @param minorUnits the amount in the smallest unit (cents for USD, yen for JPY)
 * @param currency   the three-letter code, upper case
 */
record Money(long minorUnits, String currency) {

    /** Amounts in these currencies are whole units: 500 JPY is sent as 500. */
    private static final Set<String> ZERO_DECIMAL = Set.of(
            "BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF",
            "XPF");
    /** Amounts in these currencies carry three decimals: 5.120 KWD is sent as 5120. */
    private static final Set<String> THREE_DECIMAL = Set.of("BHD", "JOD", "KWD", "OMR", "TND");

    Money {
        currency = currency == null ? "" : currency.toUpperCase(Locale.ROOT);
    }

    /** The number of decimal places Stripe uses for this currency. */
    int decimals() {
        if (ZERO_DECIMAL.contains(currency)) {
            return 0;
        }
        return THREE_DECIMAL.contains(currency) ? 3 : 2;
    }

    /** The amount for people, e.g. {@code 22.00 USD} or {@code 5000 JPY}. */
    String formatted() {
        String amount = BigDecimal.valueOf(minorUnits, decimals()).toPlainString();
        return currency.isEmpty() ? amount : amount + " " + currency;
    }

    @Override
    public String toString() {
        return formatted();
    }
}
