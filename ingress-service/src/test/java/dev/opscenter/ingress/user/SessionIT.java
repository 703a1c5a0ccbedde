package dev.opscenter.ingress.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.session.LiveTickets;
import dev.opscenter.ingress.IngressIT;
import dev.opscenter.ingress.IngressTestClient;
import dev.opscenter.ingress.IngressTestClient.Reply;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Sign-in with a session cookie, against the real server and PostgreSQL: the cookie's attributes, who the API says
 * acted, refusals as problems (401 without a session, 403 for a role too low or a change without the console's
 * header), sign-out, disabling and re-passwording ending sessions, the last admin kept, the first admin from
 * configuration and the live-socket ticket in Redis.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionIT extends IngressIT {
    private static final String PASSWORD = "correct horse battery";

    private RedisClient redisClient;
    private StatefulRedisConnection<String, String> redis;

    @Override
    public Map<String, String> getProperties() {
        return propertiesWith(
                "opscenter.first-admin.username", "Root",
                "opscenter.first-admin.password", "first admin password",
                "opscenter.auth-throttle.max-failures", "1000");
    }

    @BeforeAll
    void users() {
        IngressTestClient setup = new IngressTestClient(server.getURI(), json);
        setup.createUser("olivia", "operator", PASSWORD);
        setup.createUser("victor", "viewer", PASSWORD);
        redisClient = RedisClient.create(env.redisUri());
        redis = redisClient.connect();
    }

    @AfterAll
    void closeRedis() {
        redis.close();
        redisClient.shutdown();
    }

    private String session(String username) {
        Reply signedIn = client.signIn(username, PASSWORD);
        assertEquals(200, signedIn.status(), signedIn.body());
        return IngressTestClient.sessionCookie(signedIn);
    }

    @Test
    void signInSetsAStrictHttpOnlySecureCookieAndSaysWhoSignedIn() {
        Reply signedIn = client.signIn("Olivia", PASSWORD);
        assertEquals(200, signedIn.status(), signedIn.body());
        String cookie = signedIn.header("set-cookie").toLowerCase(Locale.ROOT);
        assertTrue(cookie.startsWith("opscenter_session="), cookie);
        assertTrue(cookie.contains("httponly"), cookie);
        assertTrue(cookie.contains("samesite=strict"), cookie);
        assertTrue(cookie.contains("secure"), cookie);
        assertEquals("olivia", map(signedIn).get("username"));
        assertEquals("operator", map(signedIn).get("role"));

        Reply me = client.asUser(IngressTestClient.sessionCookie(signedIn), "GET", "/api/session", null);
        assertEquals(Map.of("username", "olivia", "role", "operator", "via", "session"), map(me));
    }

    @Test
    void aWrongPasswordAndAnUnknownNameGetTheSame401Problem() {
        Reply wrong = client.signIn("olivia", "not the password at all");
        Reply unknown = client.signIn("nobody", PASSWORD);
        for (Reply reply : new Reply[] {wrong, unknown}) {
            assertEquals(401, reply.status(), reply.body());
            assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
            assertEquals("wrong name or password", map(reply).get("detail"));
            assertNull(reply.header("set-cookie"));
        }
    }

    @Test
    void withoutASessionTheApiAnswers401AndWithAForgedOneToo() {
        assertEquals(401, client.get("/api/alerts", Map.of()).status());
        Reply forged = client.asUser(
                "opscenter_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "GET", "/api/alerts", null);
        assertEquals(401, forged.status());
        assertEquals("Bearer", forged.header("www-authenticate"));
    }

    @Test
    void aViewerReadsButIsRefusedAChangeWithA403NamingTheRoleNeeded() {
        String viewer = session("victor");
        assertEquals(200, client.asUser(viewer, "GET", "/api/alerts", null).status());
        Reply refused = client.asUser(
                viewer,
                "POST",
                "/api/silences",
                "{\"source\":\"x\",\"comment\":\"c\",\"endsAt\":\"2099-01-01T00:00:00Z\"}");
        assertEquals(403, refused.status(), refused.body());
        assertTrue(refused.contentType().startsWith("application/problem+json"));
        assertEquals(
                "POST /api/silences needs the operator role; victor has viewer",
                map(refused).get("detail"));
        assertEquals(403, client.asUser(viewer, "GET", "/api/users", null).status());
    }

    @Test
    void anOperatorSilencesUnderItsOwnNameButCannotChangeConfigurationOrUsers() throws SQLException {
        String operator = session("olivia");
        Reply silenced = client.asUser(
                operator,
                "POST",
                "/api/silences",
                "{\"source\":\"x\",\"comment\":\"deploy\",\"endsAt\":\"2099-01-01T00:00:00Z\"}");
        assertEquals(201, silenced.status(), silenced.body());
        assertEquals("olivia", map(silenced).get("createdBy"));
        Reply source = client.asUser(
                operator,
                "POST",
                "/api/sources",
                "{\"name\":\"G\",\"slug\":\"g\",\"kind\":\"github\",\"secret\":\"s3cret-s3cret\"}");
        assertEquals(403, source.status(), source.body());
        assertEquals(0, count("SELECT count(*) FROM webhook_sources WHERE slug = 'g'"));
        assertEquals(403, client.asUser(operator, "POST", "/api/users", "{}").status());
    }

    @Test
    void aChangeWithTheCookieButWithoutTheConsolesHeaderOrFromAnotherSiteIsRefused() throws SQLException {
        String operator = session("olivia");
        String body = "{\"source\":\"csrf\",\"comment\":\"c\",\"endsAt\":\"2099-01-01T00:00:00Z\"}";
        Reply bare = client.post("/api/silences", body, Map.of("Cookie", operator, "Content-Type", "application/json"));
        assertEquals(403, bare.status(), bare.body());
        assertTrue(map(bare).get("detail").toString().contains("X-Requested-With"));
        Reply crossSite = client.post(
                "/api/silences",
                body,
                Map.of(
                        "Cookie", operator,
                        "Content-Type", "application/json",
                        "X-Requested-With", "x",
                        "Sec-Fetch-Site", "cross-site"));
        assertEquals(403, crossSite.status(), crossSite.body());
        assertEquals(0, count("SELECT count(*) FROM silences WHERE source = 'csrf'"));
    }

    @Test
    void signOutEndsTheSessionAndDeletesTheCookie() {
        String viewer = session("victor");
        Reply out = client.asUser(viewer, "POST", "/api/session/logout", null);
        assertEquals(204, out.status(), out.body());
        assertTrue(out.header("set-cookie").toLowerCase(Locale.ROOT).contains("max-age=0"), out.header("set-cookie"));
        assertEquals(401, client.asUser(viewer, "GET", "/api/alerts", null).status());
    }

    @Test
    void disablingAUserOrResettingItsPasswordEndsItsSessionsAndDisabledUsersCannotSignIn() {
        long id = client.createUser("dora", "viewer", PASSWORD);
        Reply signedIn = client.signIn("dora", PASSWORD);
        String dora = IngressTestClient.sessionCookie(signedIn);
        Reply disabled = client.admin("PUT", "/api/users/" + id, "{\"role\":\"viewer\",\"disabled\":true}");
        assertEquals(200, disabled.status(), disabled.body());
        assertEquals(401, client.asUser(dora, "GET", "/api/alerts", null).status());
        assertEquals(401, client.signIn("dora", PASSWORD).status());

        client.admin("PUT", "/api/users/" + id, "{\"role\":\"viewer\",\"disabled\":false}");
        String again = IngressTestClient.sessionCookie(client.signIn("dora", PASSWORD));
        client.admin("PUT", "/api/users/" + id, "{\"role\":\"viewer\",\"password\":\"a brand new password\"}");
        assertEquals(401, client.asUser(again, "GET", "/api/alerts", null).status());
        assertEquals(200, client.signIn("dora", "a brand new password").status());
    }

    @Test
    void aUserMayHaveAnEmailAddressForRulesThatAddressUsers() {
        long id = client.createUser("emma", "operator", PASSWORD);
        Reply set = client.admin("PUT", "/api/users/" + id, "{\"role\":\"operator\",\"email\":\" emma@example.com \"}");
        assertEquals(200, set.status(), set.body());
        assertEquals("emma@example.com", client.map(set).get("email"));
        Reply bad = client.admin("PUT", "/api/users/" + id, "{\"role\":\"operator\",\"email\":\"Emma <emma>\"}");
        assertEquals(422, bad.status(), bad.body());
        assertTrue(bad.body().contains("\"email\""), bad.body());
        Reply cleared = client.admin("PUT", "/api/users/" + id, "{\"role\":\"operator\",\"email\":\"\"}");
        assertEquals(null, client.map(cleared).get("email"));
    }

    @Test
    void changingOnesOwnPasswordNeedsTheCurrentOneAndEndsTheOtherSessions() throws SQLException {
        client.createUser("paula", "viewer", PASSWORD);
        String here = session("paula");
        String elsewhere = session("paula");
        Reply wrong = client.asUser(
                here,
                "POST",
                "/api/session/password",
                "{\"currentPassword\":\"nope\",\"newPassword\":\"long enough new one\"}");
        assertEquals(422, wrong.status(), wrong.body());
        Reply changed = client.asUser(
                here,
                "POST",
                "/api/session/password",
                "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"long enough new one\"}");
        assertEquals(204, changed.status(), changed.body());
        assertEquals(200, client.asUser(here, "GET", "/api/session", null).status());
        assertEquals(401, client.asUser(elsewhere, "GET", "/api/session", null).status());
        assertEquals(
                1,
                count("SELECT count(*) FROM audit_log WHERE resource_type = 'user' AND action = 'password_changed'"
                        + " AND actor = 'paula' AND before IS NULL AND after IS NULL"));
    }

    @Test
    void userChangesAreAuditedWithoutAnyPassword() throws SQLException {
        long id = client.createUser("audrey", "viewer", "audrey's first password");
        client.admin("PUT", "/api/users/" + id, "{\"role\":\"operator\",\"password\":\"audrey's next password\"}");
        assertEquals(
                1,
                count("SELECT count(*) FROM audit_log WHERE resource_type = 'user' AND resource_id = '" + id
                        + "' AND action = 'created' AND actor = 'admin token'"));
        assertEquals(
                1,
                count("SELECT count(*) FROM audit_log WHERE resource_type = 'user' AND resource_id = '" + id
                        + "' AND action = 'updated' AND before->>'role' = 'viewer' AND after->>'role' = 'operator'"));
        assertEquals(
                0,
                count("SELECT count(*) FROM audit_log WHERE before::text LIKE '%password%'"
                        + " OR after::text LIKE '%password%' OR after::text LIKE '%argon2%'"));
    }

    @Test
    void theLastEnabledAdminCanBeNeitherDemotedDisabledNorDeleted() {
        Map<String, Object> root = client.items(client.admin("GET", "/api/users", null)).stream()
                .filter(u -> u.get("username").equals("root"))
                .findFirst()
                .orElseThrow();
        long id = id(root);
        Reply demoted = client.admin("PUT", "/api/users/" + id, "{\"role\":\"operator\"}");
        assertEquals(409, demoted.status(), demoted.body());
        assertEquals(409, client.admin("DELETE", "/api/users/" + id, null).status());
        long second = client.createUser("ada", "admin", PASSWORD);
        assertEquals(
                200,
                client.admin("PUT", "/api/users/" + id, "{\"role\":\"admin\",\"disabled\":true}")
                        .status());
        assertEquals(409, client.admin("DELETE", "/api/users/" + second, null).status());
        assertEquals(
                200,
                client.admin("PUT", "/api/users/" + id, "{\"role\":\"admin\",\"disabled\":false}")
                        .status());
    }

    @Test
    void theFirstAdminComesFromConfigurationWithANameInLowercaseAndTheHashIsArgon2id() throws SQLException {
        assertEquals(200, client.signIn("root", "first admin password").status());
        assertEquals(1, count("SELECT count(*) FROM users WHERE username = 'root' AND role = 'admin'"));
        assertEquals(
                1, count("SELECT count(*) FROM users WHERE username = 'root' AND password_hash LIKE '$argon2id$%'"));
        Reply listed = client.admin("GET", "/api/users", null);
        assertFalse(listed.body().contains("argon2"), "no hash in the API");
    }

    @Test
    void aTicketIsKeptHashedInRedisForThirtySecondsWithTheRoleAndName() {
        String viewer = session("victor");
        Reply ticket = client.asUser(viewer, "POST", "/api/session/ticket", null);
        assertEquals(200, ticket.status(), ticket.body());
        String value = (String) map(ticket).get("ticket");
        assertNotNull(value);
        String key = new RedisKeys(env.redisPrefix()).liveTicket(LiveTickets.hash(value));
        assertEquals("viewer victor", redis.sync().get(key));
        long ttl = redis.sync().ttl(key);
        assertTrue(ttl > 0 && ttl <= 30, "ttl " + ttl);
        assertEquals(
                401,
                client.post("/api/session/ticket", "", Map.of("X-Requested-With", "x"))
                        .status());
    }

    @Test
    void theAdminTokenActsAsAnAdminNamedAdminToken() {
        // the admin token keeps working for automation, under its own name
        Reply me = client.admin("GET", "/api/session", null);
        assertEquals(Map.of("username", "admin token", "role", "admin", "via", "token"), map(me));
    }
}
