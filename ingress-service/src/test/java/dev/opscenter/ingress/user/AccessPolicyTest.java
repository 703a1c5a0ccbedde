package dev.opscenter.ingress.user;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.opscenter.common.vocabulary.Role;
import dev.opscenter.ingress.user.AccessPolicy.Need;
import io.micronaut.http.HttpMethod;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessPolicyTest {
    @ParameterizedTest
    @CsvSource({
        "POST, /api/webhooks/github, open",
        "POST, /api/events, open",
        "GET, /api/ui-config, open",
        "POST, /api/session/login, open",
        "GET, /, files",
        "GET, /app.js, files",
        "POST, /index.html, files",
        "GET, /api/alerts, viewer",
        "HEAD, /api/alerts, viewer",
        "POST, /api/session/ticket, viewer",
        "POST, /api/notification-rules/dry-run, viewer",
        "POST, /api/notification-templates/3/preview, viewer",
        "POST, /api/notification-templates/preview, viewer",
        "POST, /api/notification-templates, admin",
        "POST, /api/alerts/12/acknowledge, operator",
        "POST, /api/alerts/read, operator",
        "POST, /api/events/7/replay, operator",
        "PUT, /api/silences/3, operator",
        "POST, /api/subscriptions/4/test, operator",
        "POST, /api/sources, admin",
        "DELETE, /api/silences/3, admin",
        "POST, /api/alerts/12/delete, admin",
        "GET, /api/users, admin",
        "GET, /api/users/1, admin",
        "GET, /api/audit, admin",
        "PATCH, /api/anything-new, admin",
        // spellings that are not plain paths never get less than admin, even where the plain one is open
        "POST, /api/webhooks/../users, admin",
        "POST, /api/webhooks/a%2e%2e, admin",
        "GET, /api//alerts, admin",
        "POST, /api/alerts/./12/acknowledge, admin",
        "POST, /api/webhooks/a.b, admin",
    })
    void needs(String method, String path, String expected) {
        Need need = AccessPolicy.need(HttpMethod.parse(method), path);
        String actual = switch (need) {
            case Need.Open open -> "open";
            case Need.Files files -> "files";
            case Need.AtLeast(Role role) -> role.value();
        };
        assertEquals(expected, actual, method + " " + path);
    }
}
