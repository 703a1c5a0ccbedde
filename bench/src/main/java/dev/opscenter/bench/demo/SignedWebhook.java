package dev.opscenter.bench.demo;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** SignedWebhook is a delivery ready to send: the dev source it goes to, the provider's headers and the body they sign. */
record SignedWebhook(DevSource source, Map<String, String> headers, byte[] body) {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    SignedWebhook {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** First value of a header, ignoring case as ingress does; null when absent. */
    String header(String name) {
        return headers.entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    URI uri(URI ingress) {
        return ingress.resolve("/api/webhooks/" + source.slug());
    }

    HttpRequest request(URI ingress) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri(ingress)).timeout(TIMEOUT).header("Content-Type", "application/json");
        headers.forEach(request::header);
        return request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    /** The same request as a curl command line that sends the file holding exactly this body. */
    String curl(URI ingress, Path bodyFile) {
        StringBuilder line = new StringBuilder("curl -sS -X POST ")
                .append(uri(ingress))
                .append(" \\\n  -H 'Content-Type: application/json'");
        headers.forEach((name, value) -> line.append(" \\\n  -H ").append(quoted(name + ": " + value)));
        return line.append(" \\\n  --data-binary ")
                .append(quoted("@" + bodyFile))
                .toString();
    }

    private static String quoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
