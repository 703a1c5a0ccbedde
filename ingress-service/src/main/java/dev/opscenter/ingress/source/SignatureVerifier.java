package dev.opscenter.ingress.source;

import dev.opscenter.common.signature.GenericSignature;
import dev.opscenter.common.signature.GitHubSignature;
import dev.opscenter.common.signature.Headers;
import dev.opscenter.common.signature.StandardWebhooks;
import dev.opscenter.common.signature.StripeSignature;
import dev.opscenter.common.signature.Verification;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/**
 * SignatureVerifier checks a webhook's raw body against its source's scheme (the schemes themselves are in
 * {@code common.signature}); every kind is handled, none passes unverified.
 */
@Singleton
public final class SignatureVerifier {
    private final Clock clock;
    private final Duration tolerance;

    SignatureVerifier(Clock clock, @Value("${opscenter.webhooks.timestamp-tolerance}") Duration tolerance) {
        this.clock = clock;
        this.tolerance = tolerance;
    }

    /** Verifies the request. */
    public Verification verify(Source source, byte[] body, Headers headers) {
        return switch (source.kind()) {
            case GITHUB ->
                GitHubSignature.verify(
                        source.secret(),
                        body,
                        headers.first(GitHubSignature.HEADER).orElse(null));
            case STRIPE ->
                StripeSignature.verify(
                        source.secret(),
                        body,
                        headers.first(StripeSignature.HEADER).orElse(null),
                        clock.instant(),
                        tolerance);
            case STANDARD -> StandardWebhooks.verify(source.secret(), body, headers, clock.instant(), tolerance);
            case GENERIC -> source.genericSignature(tolerance).verify(source.secret(), body, headers, clock.instant());
        };
    }

    /** The signature the request carried, stored with the event for audit; null when it carried none. */
    public static String signature(Source source, Headers headers) {
        return headers.first(signatureHeader(source)).orElse(null);
    }

    /** The header the source's scheme carries its signature in. */
    public static String signatureHeader(Source source) {
        return switch (source.kind()) {
            case GITHUB -> GitHubSignature.HEADER;
            case STRIPE -> StripeSignature.HEADER;
            case STANDARD -> StandardWebhooks.SIGNATURE_HEADER;
            case GENERIC -> source.setting("header", GenericSignature.DEFAULT_HEADER);
        };
    }
}
