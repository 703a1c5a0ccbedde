package dev.opscenter.worker.parse;

import static dev.opscenter.worker.parse.GitHubEvent.shortRef;
import static dev.opscenter.worker.parse.JsonFields.element;
import static dev.opscenter.worker.parse.JsonFields.node;
import static dev.opscenter.worker.parse.JsonFields.number;
import static dev.opscenter.worker.parse.JsonFields.size;
import static dev.opscenter.worker.parse.JsonFields.text;
import static dev.opscenter.worker.parse.Text.firstNonNull;
import static dev.opscenter.worker.parse.Text.lines;

import dev.opscenter.common.alert.Severity;
import io.micronaut.json.tree.JsonNode;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * GitHubSecurity reads security findings: code scanning, Dependabot, secret scanning, advisories and the older
 * repository vulnerability alerts. A finding that appears or comes back is rated by its own severity; one that is
 * fixed, dismissed or withdrawn is an informational record.
 */
final class GitHubSecurity {

    /** Actions that mean a finding is (again) open and exposed. */
    private static final Set<String> OPENING = Set.of(
            "created",
            "create",
            "reopened",
            "reopen",
            "reopened_by_user",
            "auto_reopened",
            "appeared_in_branch",
            "reintroduced",
            "published",
            "publicly_leaked");

    private GitHubSecurity() {}

    /**
     * Maps GitHub's severity words onto ours: critical and high findings page someone, medium ones are errors,
     * low ones warnings; code scanning's {@code note} is informational. An unrated finding is still a warning.
     */
    static Severity findingSeverity(String level) {
        return switch (Objects.requireNonNullElse(level, "").toLowerCase(Locale.ROOT)) {
            case "critical", "high" -> Severity.CRITICAL;
            case "medium", "moderate", "error" -> Severity.ERROR;
            case "note", "none" -> Severity.INFO;
            default -> Severity.WARNING;
        };
    }

    static ParsedAlert codeScanning(GitHubEvent github) {
        JsonNode alert = node(github.payload(), "alert");
        String rule = text(alert, "rule", "id");
        String level = firstNonNull(text(alert, "rule", "security_severity_level"), text(alert, "rule", "severity"));
        String subject = Objects.requireNonNullElse(
                firstNonNull(text(alert, "rule", "description"), text(alert, "rule", "name"), rule), "finding");
        JsonNode instance = element(alert, 0, "instances");
        String path = text(alert, "most_recent_instance", "location", "path");
        Long line = number(alert, "most_recent_instance", "location", "start_line");
        if (path == null) {
            path = text(instance, "location", "path");
            line = number(instance, "location", "start_line");
        }
        String ref = firstNonNull(text(github.payload(), "ref"), text(instance, "ref"));
        String url = text(alert, "html_url");
        Metadata metadata = github.metadata()
                .put("alertNumber", number(alert, "number"))
                .put("rule", rule)
                .put("severity", level)
                .put("tool", text(alert, "tool", "name"))
                .put("path", path)
                .put("branch", shortRef(ref))
                .put("sha", firstNonNull(text(github.payload(), "commit_oid"), text(instance, "commit_sha")))
                .put("state", text(alert, "state"))
                .put("url", url);
        String where = path == null
                ? null
                : "In " + path + (line == null ? "" : ":" + line) + (ref == null ? "" : " on " + shortRef(ref));
        String detail = rule == null ? null : rule + (level == null ? "" : " (" + level + ")");
        return finding("Code scanning alert", subject, level, github, lines(detail, where, url), metadata);
    }

    static ParsedAlert dependabot(GitHubEvent github) {
        JsonNode alert = node(github.payload(), "alert");
        JsonNode advisory = node(alert, "security_advisory");
        String pkg = firstNonNull(
                text(alert, "dependency", "package", "name"), text(alert, "security_vulnerability", "package", "name"));
        String ecosystem = text(alert, "dependency", "package", "ecosystem");
        String level = firstNonNull(text(advisory, "severity"), text(alert, "security_vulnerability", "severity"));
        String range = text(alert, "security_vulnerability", "vulnerable_version_range");
        String patched = text(alert, "security_vulnerability", "first_patched_version", "identifier");
        String manifest = text(alert, "dependency", "manifest_path");
        String url = text(alert, "html_url");
        Metadata metadata = github.metadata()
                .put("alertNumber", number(alert, "number"))
                .put("package", pkg)
                .put("ecosystem", ecosystem)
                .put("manifest", manifest)
                .put("severity", level)
                .put("ghsa", text(advisory, "ghsa_id"))
                .put("cve", text(advisory, "cve_id"))
                .put("patchedVersion", patched)
                .put("state", text(alert, "state"))
                .put("url", url);
        String subject =
                Objects.requireNonNullElse(firstNonNull(text(advisory, "summary"), pkg), "vulnerable dependency");
        String detail = pkg == null
                ? null
                : pkg
                        + (ecosystem == null ? "" : " (" + ecosystem + ")")
                        + (range == null ? "" : " " + range)
                        + (manifest == null ? "" : " in " + manifest)
                        + (patched == null ? "" : "; fixed in " + patched);
        return finding("Dependabot alert", subject, level, github, lines(detail, url), metadata);
    }

    static ParsedAlert secretScanning(GitHubEvent github) {
        JsonNode alert = node(github.payload(), "alert");
        String secretType = Objects.requireNonNullElse(
                firstNonNull(text(alert, "secret_type_display_name"), text(alert, "secret_type")), "secret");
        Long number = number(alert, "number");
        String url = firstNonNull(
                text(alert, "html_url"),
                github.repoUrl() == null || number == null
                        ? null
                        : github.repoUrl() + "/security/secret-scanning/" + number);
        Metadata metadata = github.metadata()
                .put("alertNumber", number)
                .put("secretType", text(alert, "secret_type"))
                .put("resolution", text(alert, "resolution"))
                .put("validity", text(alert, "validity"))
                .put("url", url);
        String byLine = "Alert #" + Objects.requireNonNullElse(number, 0L) + " " + GitHubEvent.humanize(github.action())
                + (github.actor() == null ? "" : " by " + github.actor());
        // A leaked credential is usable by anyone who saw it until it is revoked, whatever its type.
        if (OPENING.contains(Objects.requireNonNullElse(github.action(), ""))) {
            return new ParsedAlert(
                    "Secret exposed: " + secretType + github.suffix(),
                    lines(byLine, url),
                    Severity.CRITICAL,
                    metadata.toMap());
        }
        String title =
                "Secret scanning alert " + GitHubEvent.humanize(github.action()) + ": " + secretType + github.suffix();
        return new ParsedAlert(title, lines(byLine, url), Severity.INFO, metadata.toMap());
    }

    static ParsedAlert advisory(GitHubEvent github) {
        JsonNode advisory = node(github.payload(), "security_advisory");
        String ghsa = text(advisory, "ghsa_id");
        String level = text(advisory, "severity");
        String url =
                firstNonNull(text(advisory, "html_url"), ghsa == null ? null : "https://github.com/advisories/" + ghsa);
        Set<String> packages = new LinkedHashSet<>();
        for (int i = 0; i < size(advisory, "vulnerabilities"); i++) {
            String name = text(element(advisory, i, "vulnerabilities"), "package", "name");
            if (name != null) {
                packages.add(name);
            }
        }
        String cve = null;
        for (int i = 0; i < size(advisory, "identifiers"); i++) {
            JsonNode identifier = element(advisory, i, "identifiers");
            if ("CVE".equals(text(identifier, "type"))) {
                cve = text(identifier, "value");
            }
        }
        Metadata metadata = github.metadata()
                .put("ghsa", ghsa)
                .put("cve", firstNonNull(text(advisory, "cve_id"), cve))
                .put("severity", level)
                .put("packages", packages.isEmpty() ? null : String.join(", ", packages))
                .put("url", url);
        String subject = Objects.requireNonNullElse(text(advisory, "summary"), "advisory")
                + (ghsa == null ? "" : " (" + ghsa + ")");
        String detail = packages.isEmpty() ? null : "Affects " + String.join(", ", packages);
        // Advisories are global, not tied to a repository, so the title carries the advisory id instead.
        boolean open = "published".equals(github.action());
        String title = "Security advisory" + (open ? "" : " " + GitHubEvent.humanize(github.action())) + ": " + subject;
        return new ParsedAlert(
                title, lines(detail, url), open ? findingSeverity(level) : Severity.INFO, metadata.toMap());
    }

    static ParsedAlert vulnerability(GitHubEvent github) {
        JsonNode alert = node(github.payload(), "alert");
        String pkg = text(alert, "affected_package_name");
        String range = text(alert, "affected_range");
        String level = text(alert, "severity");
        String fixedIn = text(alert, "fixed_in");
        String url = firstNonNull(text(alert, "external_reference"), github.repoUrl());
        Metadata metadata = github.metadata()
                .put("alertNumber", number(alert, "number"))
                .put("package", pkg)
                .put("range", range)
                .put("fixedIn", fixedIn)
                .put("severity", level)
                .put("ghsa", text(alert, "ghsa_id"))
                .put("cve", text(alert, "external_identifier"))
                .put("state", text(alert, "state"))
                .put("url", url);
        String subject = Objects.requireNonNullElse(pkg, "dependency") + (range == null ? "" : " " + range);
        String detail = firstNonNull(text(alert, "external_identifier"), text(alert, "ghsa_id"));
        if (fixedIn != null) {
            detail = (detail == null ? "" : detail + ", ") + "fixed in " + fixedIn;
        }
        return finding("Vulnerable dependency", subject, level, github, lines(detail, url), metadata);
    }

    private static ParsedAlert finding(
            String label, String subject, String level, GitHubEvent github, String message, Metadata metadata) {
        boolean open = OPENING.contains(Objects.requireNonNullElse(github.action(), ""));
        String title =
                label + (open ? "" : " " + GitHubEvent.humanize(github.action())) + ": " + subject + github.suffix();
        return new ParsedAlert(title, message, open ? findingSeverity(level) : Severity.INFO, metadata.toMap());
    }
}
