package dev.opscenter.worker.notify.channel;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * ChannelHttp is the one HTTP client of the channels: bounded connect and request time, no redirects, a capped
 * reply body, and every exchange ending in a SendResult (failures without a reply are Retryable).
 */
@Singleton
public final class ChannelHttp {
    /** Replies are read for status and error text only. */
    static final int MAX_REPLY_BYTES = 16 * 1024;
    private static final int MAX_ERROR_CHARS = 300;

    private final HttpClient client;
    private final ChannelHttpSettings settings;
    private final HttpOutcome outcome;
    private final Clock clock;

    public ChannelHttp(ChannelHttpSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.outcome = new HttpOutcome(clock);
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Reply is a received response: status, headers and the start of the body. */
    public record Reply(int status, HttpHeaders headers, String body) {

        /** The body shortened for an error text. */
        public String snippet() {
            String b = body == null ? "" : body.strip();
            return b.length() <= MAX_ERROR_CHARS ? b : TextSplitter.truncate(b, MAX_ERROR_CHARS);
        }
    }

    /** The clock for timestamps and Retry-After dates. */
    public Clock clock() {
        return clock;
    }

    /** The status classification. */
    public HttpOutcome outcome() {
        return outcome;
    }

    /** A request builder for the URI with the request timeout set. */
    public HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(settings.requestTimeout()).header("User-Agent", "OpsCenter-Notifier/1");
    }

    /** Sends the request and lets {@code interpret} judge the reply; no reply at all is Retryable. */
    public SendResult exchange(HttpRequest request, Function<Reply, SendResult> interpret) {
        CompletableFuture<HttpResponse<String>> future = client.sendAsync(request, info -> new CappedBody(MAX_REPLY_BYTES));
        // The request timeout stops waiting for headers only; this deadline also bounds a body that trickles in.
        Duration deadline = settings.connectTimeout().plus(settings.requestTimeout());
        try {
            HttpResponse<String> response = future.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return interpret.apply(new Reply(response.statusCode(), response.headers(), response.body()));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                return outcome.failure(io);
            }
            throw new IllegalStateException("HTTP exchange failed", e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            return new SendResult.Retryable(null, null, "timed out: no complete reply within " + deadline.toMillis() + " ms");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return new SendResult.Retryable(null, null, "interrupted while sending");
        }
    }

    /** The usual judgement: HttpOutcome by status, with the body (shortened) as detail or error. */
    public SendResult classify(Reply reply) {
        return classify(reply, reply.snippet());
    }

    /** HttpOutcome by status and Retry-After, with a sender's own reading of the body as detail or error. */
    public SendResult classify(Reply reply, String text) {
        return outcome.classify(reply.status(), reply.headers().firstValue("Retry-After").orElse(null), text);
    }
}
