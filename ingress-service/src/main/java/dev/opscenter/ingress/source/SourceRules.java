package dev.opscenter.ingress.source;

import dev.opscenter.common.problem.ProblemException;
import dev.opscenter.common.signature.StandardWebhooks;
import java.util.Map;
import java.util.regex.Pattern;

/** SourceRules validates what an admin may save as a source; each failure names its field (422). */
final class SourceRules {
    private static final Pattern SLUG = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,62}$");

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
        if (kind == SourceKind.GENERIC) {
            genericSignature(s);
        }
        return s;
    }

    private static void genericSignature(Map<String, Object> s) {
        try {
            Source.genericSignature(s);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("settings", "generic settings: header (text), algorithm (sha256|sha512|md5), encoding (hex|base64), prefix (text)");
        }
    }
}
