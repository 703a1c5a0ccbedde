package dev.opscenter.worker.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyTest {

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
        "2200,   usd, 22.00 USD",
        "5,      eur, 0.05 EUR",
        "0,      aud, 0.00 AUD",
        "500,    jpy, 500 JPY",
        "1500,   krw, 1500 KRW",
        "99,     xof, 99 XOF",
        "5120,   kwd, 5.120 KWD",
        "-2200,  usd, -22.00 USD",
        "123456789012, gbp, 1234567890.12 GBP",
    })
    void formatsMinorUnitsPerCurrency(long minorUnits, String currency, String expected) {
        assertEquals(expected, new Money(minorUnits, currency).formatted());
    }
}
