package dev.opscenter.ingress.api;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.HashMap;
import java.util.Map;

/** Tells the dashboard where the live socket is; public, since the page reads it before sign-in. */
@Controller("/api/ui-config")
final class UiConfigController {
    private final String realtimeUrl;

    UiConfigController(@Value("${opscenter.realtime.public-url}") String realtimeUrl) {
        this.realtimeUrl = realtimeUrl == null || realtimeUrl.isBlank() ? null : realtimeUrl;
    }

    @Get
    Map<String, Object> config() {
        Map<String, Object> out = new HashMap<>();
        out.put("realtimeUrl", realtimeUrl);
        return out;
    }
}
