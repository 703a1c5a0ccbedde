package dev.opscenter.e2e.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromQlTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "max by (stream) (opscenter_stream_oldest_pending_seconds) > 300 | opscenter_stream_oldest_pending_seconds",
                "sum(rate(opscenter_notifications_total{outcome=\"failed\", channel!=\"sms\"}[15m])) > 0 | opscenter_notifications_total",
                "histogram_quantile(0.99, sum by (le) (rate(x_seconds_bucket[5m]))) | x_seconds_bucket",
                "a_total / on (pod) group_left b_bytes or absent(c_up) | a_total,b_bytes,c_up",
                "sum without (instance) (up offset 5m) == bool 1 | up",
            })
    void findsTheMetricNamesAndNothingElse(String expression, String names) {
        assertEquals(Set.of(names.split(",")), PromQl.metricNames(expression));
    }
}
