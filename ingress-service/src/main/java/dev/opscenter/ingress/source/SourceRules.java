package dev.opscenter.ingress.source;

import dev.opscenter.common.crypto.Hmac;
import dev.opscenter.common.signature.GenericSignature;
import dev.opscenter.common.signature.StandardWebhooks;
import dev.opscenter.common.vocabulary.SourceKind;
import dev.opscenter.ingress.api.FieldErrors;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * SourceRules validates what an admin may save as a source. Each check adds what is wrong to the request's
 * {@link FieldErrors} and returns null for an invalid value, so one 422 names every invalid field.
 */
final class SourceRules {
    private static final Pattern SLUG = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,62}$");
    /** Shorter secrets, and HMAC-MD5, need {@code settings.allowWeak: true}: they are guessable or broken. */
    static final int STRONG_SECRET = 16;

    static final Duration MAX_DEDUPE_WINDOW = Duration.ofDays(7);

    private SourceRules() {}

    static String name(String name, FieldErrors errors) {
        if (name == null || name.isBlank() || name.length() > 200) {
            errors.add("name", "required, at most 200 characters");
            return null;
        }
        return name.trim();
    }

    static String slug(String slug, FieldErrors errors) {
        if (slug == null || !SLUG.matcher(slug).matches()) {
            errors.add(
                    "slug",
                    "lower-case letters, digits, '-' or '_', 1 to 63 characters, starting with a letter or digit");
            return null;
        }
        return slug;
    }

    static SourceKind kind(String kind, FieldErrors errors) {
        return errors.parse("kind", kind, SourceKind::parse);
    }

    /** The secret, checked for its kind too when the kind is known. */
    static String secret(SourceKind kind, String secret, FieldErrors errors) {
        if (secret == null || secret.length() < 8 || secret.length() > 1024) {
            errors.add("secret", "required, 8 to 1024 characters");
            return null;
        }
        if (kind == SourceKind.STANDARD) {
            try {
                if (StandardWebhooks.secretKey(secret).length < 16) {
                    errors.add("secret", "a Standard Webhooks secret needs at least 16 bytes of key");
                    return null;
                }
            } catch (IllegalArgumentException e) {
                errors.add("secret", "a Standard Webhooks secret is whsec_ followed by base64");
                return null;
            }
        }
        return secret;
    }

    /** The settings (absent: none), each invalid one an error on {@code settings}; the generic scheme's when the kind is known. */
    static Map<String, Object> settings(SourceKind kind, Map<String, Object> settings, FieldErrors errors) {
        Map<String, Object> s = settings == null ? Map.of() : settings;
        if (s.containsKey("allowWeak") && !(s.get("allowWeak") instanceof Boolean)) {
            errors.add("settings", "allowWeak is true or false");
        }
        try {
            if (Source.seconds(s, "dedupeWindow", Duration.ZERO).compareTo(MAX_DEDUPE_WINDOW) > 0) {
                errors.add("settings", "dedupeWindow is at most " + MAX_DEDUPE_WINDOW.toSeconds() + " seconds");
            }
        } catch (IllegalArgumentException e) {
            errors.add("settings", "dedupeWindow is a whole number of seconds");
        }
        if (kind == SourceKind.GENERIC) {
            genericSignature(s, errors);
        }
        return s;
    }

    /**
     * Refuses a short secret or HMAC-MD5 unless the source opts in with {@code allowWeak}. Judged only on a secret
     * and settings that are otherwise valid.
     */
    static void strength(SourceKind kind, String secret, Map<String, Object> settings, FieldErrors errors) {
        if (kind == null
                || secret == null
                || errors.has("secret")
                || errors.has("settings")
                || Boolean.TRUE.equals(settings.get("allowWeak"))) {
            return;
        }
        if (secret.length() < STRONG_SECRET) {
            errors.add(
                    "secret",
                    "at least " + STRONG_SECRET + " characters; a shorter one only with settings.allowWeak: true");
        }
        GenericSignature generic = kind == SourceKind.GENERIC ? genericSignature(settings, errors) : null;
        if (generic != null && generic.algorithm() == Hmac.MD5) {
            errors.add("settings", "algorithm md5 is broken; only with allowWeak: true");
        }
    }

    private static GenericSignature genericSignature(Map<String, Object> s, FieldErrors errors) {
        try {
            return Source.genericSignature(s, Duration.ofMinutes(5));
        } catch (IllegalArgumentException e) {
            errors.add(
                    "settings",
                    "generic settings: header (text), algorithm (sha256|sha512|md5), "
                            + "encoding (hex|base64), prefix (text), timestampHeader (text), signedPayload (text with {timestamp} "
                            + "and {body} once each), timestampTolerance (seconds)");
            return null;
        }
    }
}
