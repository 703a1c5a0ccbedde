package dev.opscenter.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {
    /** Trimmed from a worker's /prometheus (Micrometer's Prometheus registry, G1), plus a non-heap pool. */
    private static final String WORKER = """
            # HELP jvm_memory_used_bytes The amount of used memory
            # TYPE jvm_memory_used_bytes gauge
            jvm_memory_used_bytes{area="heap",id="G1 Survivor Space"} 4194304.0
            jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2.5165824E7
            jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.2582912E7
            jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 6.2914560E7
            # HELP jvm_memory_max_bytes The maximum amount of memory in bytes that can be used for memory management
            # TYPE jvm_memory_max_bytes gauge
            jvm_memory_max_bytes{area="heap",id="G1 Eden Space"} -1.0
            """;

    @Test
    void sumsHeapUsedOverEveryPool() {
        assertEquals(
                OptionalDouble.of(4194304.0 + 25165824.0 + 12582912.0),
                PrometheusText.sum(WORKER, "jvm_memory_used_bytes", Map.of("area", "heap")));
    }

    @Test
    void metricNameMustMatchExactlyNotByPrefix() {
        assertEquals(
                OptionalDouble.of(-1.0), PrometheusText.sum(WORKER, "jvm_memory_max_bytes", Map.of("area", "heap")));
        assertEquals(OptionalDouble.empty(), PrometheusText.sum(WORKER, "jvm_memory", Map.of()));
    }

    @Test
    void samplesOfOneMetricStopAtTheEndOfItsName() {
        String text =
                "jvm_memory_used_bytes_total 5\njvm_memory_used_bytes 7\njvm_memory_used_bytes{area=\"heap\"} 3\n";
        assertEquals(2, PrometheusText.samples(text, "jvm_memory_used_bytes").size());
        assertEquals(
                OptionalDouble.of(3.0),
                PrometheusText.sum(
                        PrometheusText.samples(text, "jvm_memory_used_bytes"),
                        s -> s.labels().containsKey("area")));
    }

    @Test
    void missingMetricOrLabelIsEmptyNotZero() {
        assertEquals(
                OptionalDouble.empty(), PrometheusText.sum(WORKER, "jvm_memory_used_bytes", Map.of("area", "stack")));
        assertEquals(OptionalDouble.empty(), PrometheusText.sum("", "jvm_memory_used_bytes", Map.of()));
    }

    @Test
    void readsTrailingCommaEscapesTimestampAndSpecialValues() {
        PrometheusText.Sample sample = PrometheusText.parseLine(
                "http_requests_total{path=\"/a \\\"b\\\"\\\\c\",code=\"200\",} 1027 1395066363000");
        assertEquals("http_requests_total", sample.name());
        assertEquals(Map.of("path", "/a \"b\"\\c", "code", "200"), sample.labels());
        assertEquals(1027.0, sample.value());
        assertEquals(
                Double.POSITIVE_INFINITY,
                PrometheusText.parseLine("x_bucket{le=\"+Inf\"} +Inf").value());
        assertTrue(Double.isNaN(PrometheusText.parseLine("x NaN").value()));
    }

    @Test
    void sampleWithoutLabelsAndCommentsAndBlankLines() {
        assertEquals(3.5, PrometheusText.parseLine("process_uptime_seconds 3.5").value());
        assertEquals(
                Map.of(), PrometheusText.parseLine("process_uptime_seconds 3.5").labels());
        assertNull(PrometheusText.parseLine("# TYPE x gauge"));
        assertNull(PrometheusText.parseLine(""));
    }

    @Test
    void rejectsMalformedLines() {
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parseLine("x{area=\"heap\" 1"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parseLine("x{area=heap} 1"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parseLine("x{area=\"heap\"}"));
    }
}
