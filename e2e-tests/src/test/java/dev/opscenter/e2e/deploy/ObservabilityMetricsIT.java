package dev.opscenter.e2e.deploy;

import static dev.opscenter.e2e.deploy.DeployFiles.DEPLOY;
import static dev.opscenter.e2e.deploy.DeployFiles.ROOT;
import static dev.opscenter.e2e.deploy.DeployFiles.list;
import static dev.opscenter.e2e.deploy.DeployFiles.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opscenter.e2e.deploy.DeployFiles.Doc;
import dev.opscenter.e2e.platform.PlatformExtension;
import dev.opscenter.e2e.platform.Webhooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every metric the alert rules, the Grafana dashboard and KEDA's realtime query read is one the running services
 * export: the three jars are started, one webhook goes through, and their /prometheus is scraped. A counter that a
 * service registers on its first use (a failed notification, a relay delivery) may be absent from that scrape; it
 * must then be a counter the code registers under that name.
 */
class ObservabilityMetricsIT {
    private static final List<String> SERVICES = List.of("ingress-service", "worker-service", "realtime-service");
    /** Micrometer counters registered in code: meters.counter("opscenter.x.y", …) → opscenter_x_y_total. */
    private static final Pattern CODE_COUNTER = Pattern.compile("meters\\.counter\\(\\s*\"([a-z][a-z0-9.]*)\"");

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]", Pattern.MULTILINE);

    @RegisterExtension
    static final PlatformExtension PLATFORM = new PlatformExtension();

    private static Set<String> scraped;

    @BeforeAll
    static void oneWebhookThroughThenScrape() {
        Webhooks webhooks = new Webhooks(PLATFORM.platform());
        HttpResponse<String> accepted = webhooks.github("workflow_run", Webhooks.failedWorkflowRun());
        assertEquals(202, accepted.statusCode(), accepted.body());
        // the worker's counters and latency histogram exist once it has processed the event
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> scrape().contains("opscenter_event_processing_latency_seconds_bucket"));
        scraped = scrape();
    }

    @Test
    void everyMetricOfTheAlertRulesIsExported() {
        List<String> expressions = new ArrayList<>();
        for (Doc rule : DeployFiles.objects("PrometheusRule")) {
            for (Object group : list(rule.spec().get("groups"))) {
                for (Object r : list(map(group).get("rules"))) {
                    expressions.add(String.valueOf(map(r).get("expr")));
                }
            }
        }
        assertExported(expressions);
    }

    @Test
    void everyMetricOfTheDashboardIsExported() throws IOException {
        List<String> expressions = new ArrayList<>();
        JsonNode dashboard = Webhooks.json(Files.readString(DEPLOY.resolve("observability/opscenter-dashboard.json")));
        dashboard
                .path("panels")
                .forEach(panel -> panel.path("targets")
                        .forEach(target -> expressions.add(target.path("expr").asText())));
        assertEquals(dashboard.path("panels").size(), expressions.size(), "one query per panel");
        assertExported(expressions);
    }

    @Test
    void theRealtimeScalersQueryReadsAnExportedGauge() {
        List<String> expressions = new ArrayList<>();
        for (Doc scaledObject : DeployFiles.objects("ScaledObject")) {
            for (Object trigger : list(scaledObject.spec().get("triggers"))) {
                if ("prometheus".equals(map(trigger).get("type"))) {
                    expressions.add(
                            String.valueOf(map(map(trigger).get("metadata")).get("query")));
                }
            }
        }
        assertFalse(expressions.isEmpty());
        assertExported(expressions);
    }

    @Test
    void theScrapeHasTheStreamGaugesPerGroup() {
        // the gauges KEDA's redis-streams triggers mirror, and the rules read by stream and group
        for (String gauge : List.of(
                "opscenter_stream_lag", "opscenter_stream_oldest_pending_seconds", "opscenter_stream_consumers")) {
            assertTrue(scraped.contains(gauge), gauge);
        }
    }

    @Test
    void aMetricNoServiceExportsIsReported() {
        Map<String, Set<String>> unknown =
                unexported(List.of("sum(rate(opscenter_webhooks_total[5m])) / max(opscenter_no_such_gauge)"));

        assertEquals(
                Map.of(
                        "sum(rate(opscenter_webhooks_total[5m])) / max(opscenter_no_such_gauge)",
                        Set.of("opscenter_no_such_gauge")),
                unknown);
    }

    private static void assertExported(List<String> expressions) {
        assertEquals(Map.of(), unexported(expressions), "metrics no service exports");
    }

    /** Each expression's metric names that are neither in the scrape nor a counter the code registers on first use. */
    private static Map<String, Set<String>> unexported(List<String> expressions) {
        Set<String> registered = codeCounters();
        Map<String, Set<String>> unknown = new TreeMap<>();
        for (String expression : expressions) {
            Set<String> names = PromQl.metricNames(expression);
            assertFalse(names.isEmpty(), () -> "no metric in " + expression);
            for (String name : names) {
                if (!scraped.contains(name) && !registered.contains(name)) {
                    unknown.computeIfAbsent(expression, e -> new TreeSet<>()).add(name);
                }
            }
        }
        return unknown;
    }

    /** Every metric name in the three services' /prometheus (histograms with their _bucket, _count, _sum). */
    private static Set<String> scrape() {
        Set<String> names = new TreeSet<>();
        for (String service : SERVICES) {
            URI uri = PLATFORM.platform().management(service).resolve("/prometheus");
            try {
                HttpResponse<String> response = PLATFORM.platform()
                        .http()
                        .send(
                                HttpRequest.newBuilder(uri)
                                        .timeout(Duration.ofSeconds(5))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode(), uri.toString());
                Matcher m = SAMPLE.matcher(response.body());
                while (m.find()) {
                    names.add(m.group(1));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return names;
    }

    /** The Prometheus names of the counters the services' code registers. */
    private static Set<String> codeCounters() {
        Set<String> names = new TreeSet<>();
        for (String service : SERVICES) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(service).resolve("src/main/java"))) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = CODE_COUNTER.matcher(Files.readString(file));
                    while (m.find()) {
                        names.add(m.group(1).replace('.', '_') + "_total");
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return names;
    }
}
