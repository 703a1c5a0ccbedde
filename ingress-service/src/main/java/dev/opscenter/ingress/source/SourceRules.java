package dev.opscenter.ingress.source;

import dev.opscenter.common.crypto.Hmac;
import dev.opscenter.common.problem.ProblemException;
import dev.opscenter.common.signature.GenericSignature;
import dev.opscenter.common.signature.StandardWebhooks;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/** SourceRules validates what an admin may save as a source; each failure names its field (422). */
final class SourceRules {
    private static final Pattern SLUG = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,62}$");
    /** Shorter secrets, and HMAC-MD5, need {@code settings.allowWeak: true}: they are guessable or broken. */
    static final int STRONG_SECRET = 16;
    static final Duration MAX_DEDUPE_WINDOW = Duration.ofDays(7);

    private SourceRules() {
    }

    static String name(String name) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw ProblemException.invalid("name", "required, at most 200 characters");
        }
        return name.trim();
    }

    static String slug(String slug) {
        if (slug == null || !SLUG.matcher(slug).matches()) {
            throw ProblemException.invalid("slug", "lower-case letters, digits, '-' or '_', 1 to 63 characters, starting with a letter or digit");
        }
        return slug;
    }

    static SourceKind kind(String kind) {
        try {
            return SourceKind.parse(kind == null ? "" : kind);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("kind", "one of github, stripe, standard, generic");
        }
    }

    static String secret(SourceKind kind, String secret) {
        if (secret == null || secret.length() < 8 || secret.length() > 1024) {
            throw ProblemException.invalid("secret", "required, 8 to 1024 characters");
        }
        if (kind == SourceKind.STANDARD) {
            try {
                if (StandardWebhooks.secretKey(secret).length < 16) {
                    throw ProblemException.invalid("secret", "a Standard Webhooks secret needs at least 16 bytes of key");
                }
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("secret", "a Standard Webhooks secret is whsec_ followed by base64");
            }
        }
        return secret;
    }

    static Map<String, Object> settings(SourceKind kind, Map<String, Object> settings) {
        Map<String, Object> s = settings == null ? Map.of() : settings;
        if (s.containsKey("allowWeak") && !(s.get("allowWeak") instanceof Boolean)) {
            throw ProblemException.invalid("settings", "allowWeak is true or false");
        }
        try {
            if (Source.seconds(s, "dedupeWindow", Duration.ZERO).compareTo(MAX_DEDUPE_WINDOW) > 0) {
                throw ProblemException.invalid("settings", "dedupeWindow is at most " + MAX_DEDUPE_WINDOW.toSeconds() + " seconds");
            }
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("settings", "dedupeWindow is a whole number of seconds");
        }
        if (kind == SourceKind.GENERIC) {
            genericSignature(s);
        }
        return s;
    }

    /** Refuses a short secret or HMAC-MD5 unless the source opts in with {@code allowWeak}. */
    static void strength(SourceKind kind, String secret, Map<String, Object> settings) {
        if (Boolean.TRUE.equals(settings.get("allowWeak"))) {
            return;
        }
        if (secret.length() < STRONG_SECRET) {
            throw ProblemException.invalid("secret", "at least " + STRONG_SECRET
                    + " characters; a shorter one only with settings.allowWeak: true");
        }
        if (kind == SourceKind.GENERIC && genericSignature(settings).algorithm() == Hmac.MD5) {
            throw ProblemException.invalid("settings", "algorithm md5 is broken; only with allowWeak: true");
        }
    }

    private static GenericSignature genericSignature(Map<String, Object> s) {
        try {
            return Source.genericSignature(s, Duration.ofMinutes(5));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("settings", "generic settings: header (text), algorithm (sha256|sha512|md5), "
                    + "encoding (hex|base64), prefix (text), timestampHeader (text), signedPayload (text with {timestamp} "
                    + "and {body} once each), timestampTolerance (seconds)");
        }
    }
}
