package dev.opscenter.worker.notify.channel;

import dev.opscenter.common.net.OutboundPolicy;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * ChannelHttp is the one HTTP client of the channels: every address it connects to passed the outbound guard (see
 * GuardedResolver), bounded connect and request time, no redirects, a capped reply body, and every exchange ending
 * in a SendResult (failures without a reply are Retryable, a refused destination Permanent).
 */
@Singleton
public final class ChannelHttp {
    /** Replies are read for status and a provider's short error field only. */
    static final int MAX_REPLY_BYTES = 16 * 1024;

    private final CloseableHttpClient client;
    private final ChannelHttpSettings settings;
    private final HttpOutcome outcome;
    private final Clock clock;

    public ChannelHttp(ChannelHttpSettings settings, OutboundPolicy policy, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.outcome = new HttpOutcome(clock);
        Timeout request = Timeout.of(settings.requestTimeout());
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new GuardedResolver(policy))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                                .setSocketTimeout(request)
                                .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(request)
                        .setRedirectsEnabled(false)
                        .build())
                // a kept-alive connection goes to an address the guard checked when it was opened; idle ones are
                // dropped, and one idle for a second is checked before reuse (a POST cannot be retried safely)
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("OpsCenter-Notifier/1")
                .build();
    }

    /** Post is one outbound request: target, headers, and a body of the given content type. */
    public record Post(URI uri, Map<String, String> headers, String contentType, byte[] body) {}

    /** Reply is a received response: status, its Retry-After header (may be null) and the start of the body. */
    public record Reply(int status, String retryAfter, String body) {}

    /** The clock for timestamps and Retry-After dates. */
    public Clock clock() {
        return clock;
    }

    /** The status classification. */
    public HttpOutcome outcome() {
        return outcome;
    }

    /** Sends the request and lets {@code interpret} judge the reply; no reply at all is Retryable. */
    public SendResult exchange(Post post, Function<Reply, SendResult> interpret) {
        HttpPost request = new HttpPost(post.uri());
        post.headers().forEach(request::setHeader);
        request.setEntity(new ByteArrayEntity(post.body(), ContentType.parse(post.contentType())));
        // The socket timeout bounds each read; this deadline also bounds a body that trickles in.
        Duration deadline = settings.connectTimeout().plus(settings.requestTimeout());
        CompletableFuture<Void> abort = CompletableFuture.runAsync(
                request::cancel, CompletableFuture.delayedExecutor(deadline.toMillis(), TimeUnit.MILLISECONDS));
        try {
            return interpret.apply(read(request));
        } catch (IOException e) {
            return outcome.failure(e);
        } finally {
            abort.cancel(false);
        }
    }

    /** The usual judgement: HttpOutcome by status, with no reply text (a body may echo anything). */
    public SendResult classify(Reply reply) {
        return outcome.classify(reply.status(), reply.retryAfter(), null);
    }

    /** HttpOutcome by status and Retry-After, with a provider's own short error field, sanitised. */
    public SendResult classify(Reply reply, String providerText) {
        return outcome.classify(reply.status(), reply.retryAfter(), providerText);
    }

    private Reply read(HttpPost request) throws IOException {
        try (ClassicHttpResponse response = client.executeOpen(null, request, null)) {
            Header retryAfter = response.getFirstHeader("Retry-After");
            HttpEntity entity = response.getEntity();
            byte[] body = new byte[0];
            if (entity != null) {
                InputStream in = entity.getContent();
                body = in.readNBytes(MAX_REPLY_BYTES);
                if (in.read() >= 0) {
                    // a longer body is not read on: drop the connection instead of draining it
                    request.cancel();
                }
            }
            return new Reply(
                    response.getCode(),
                    retryAfter == null ? null : retryAfter.getValue(),
                    new String(body, StandardCharsets.UTF_8));
        }
    }

    @PreDestroy
    void close() throws IOException {
        client.close();
    }
}
