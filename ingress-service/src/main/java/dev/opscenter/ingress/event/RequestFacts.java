package dev.opscenter.ingress.event;

import dev.opscenter.common.sql.Json;
import dev.opscenter.ingress.client.ClientAddress;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** RequestFacts is what an event keeps of the request it came in: its headers, credentials redacted, and the client's address. */
@Singleton
public final class RequestFacts {
    private static final Set<String> REDACTED = Set.of("authorization", "cookie", "proxy-authorization");

    private final JsonMapper json;
    private final ClientAddress addresses;

    RequestFacts(JsonMapper json, ClientAddress addresses) {
        this.json = json;
        this.addresses = addresses;
    }

    /** The client's address: the socket peer's, or the one a trusted proxy forwarded for. */
    public String clientIp(HttpRequest<?> request) {
        return addresses.of(request);
    }

    /** The headers as a JSON object, names lower-cased and sorted, credentials replaced by "[redacted]". */
    public String headersJson(HttpRequest<?> request) {
        Map<String, String> out = new TreeMap<>();
        request.getHeaders().forEach((name, values) -> {
            String key = name.toLowerCase(Locale.ROOT);
            out.put(key, REDACTED.contains(key) ? "[redacted]" : String.join(", ", values));
        });
        return Json.write(json, out);
    }
}
