package dev.opscenter.ingress.user;

import dev.opscenter.common.sql.Columns;
import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Params;
import dev.opscenter.common.vocabulary.Role;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Sessions keeps signed-in browsers in PostgreSQL, so every replica knows them and sign-out, a disabled user or a
 * changed password ends them at once. The cookie carries 32 random bytes; the table only their SHA-256.
 */
@Singleton
final class Sessions {
    /** Longest cookie value looked up; a real one is 43 characters. */
    private static final int MAX_TOKEN_LENGTH = 64;
    /** last_seen_at is written at most this often per session, not on every request. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The user behind a live session. */
    record SessionUser(long userId, String username, Role role) {}

    private final Database db;
    private final SessionSettings settings;
    private final Clock clock;

    Sessions(Database db, SessionSettings settings, Clock clock) {
        this.db = db;
        this.settings = settings;
        this.clock = clock;
    }

    /** Opens a session for the user; returns the cookie value. */
    String open(long userId) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        db.update(
                """
                INSERT INTO user_sessions (token_hash, user_id, created_at, last_seen_at, expires_at)
                VALUES (:hash, :user_id, :now, :now, :expires_at)""",
                Params.of("hash", hash(token))
                        .and("user_id", userId)
                        .and("now", now)
                        .and("expires_at", now.plus(settings.maxAge())));
        return token;
    }

    /** The enabled user of a session that has neither expired nor idled out; refreshes its idle clock now and then. */
    Optional<SessionUser> find(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        byte[] hash = hash(token);
        Params params = Params.of("hash", hash).and("now", now).and("idle_since", now.minus(settings.idleTimeout()));
        Optional<Found> found = db.one(
                """
                SELECT u.id, u.username, u.role, s.last_seen_at
                  FROM user_sessions s JOIN users u ON u.id = s.user_id
                 WHERE s.token_hash = :hash AND s.expires_at > :now AND s.last_seen_at > :idle_since AND NOT u.disabled""",
                params,
                r -> new Found(
                        new SessionUser(
                                r.getLong("id"),
                                r.getString("username"),
                                Role.parse(r.getString("role")).orElseThrow()),
                        Columns.instant(r, "last_seen_at")));
        found.filter(f -> f.lastSeen().isBefore(now.minus(TOUCH_EVERY)))
                .ifPresent(f -> db.update(
                        "UPDATE user_sessions SET last_seen_at = :now WHERE token_hash = :hash",
                        Params.of("hash", hash).and("now", now)));
        return found.map(Found::user);
    }

    /** Ends one session (sign-out). */
    void close(String token) {
        if (token != null && !token.isEmpty() && token.length() <= MAX_TOKEN_LENGTH) {
            db.update("DELETE FROM user_sessions WHERE token_hash = :hash", Params.of("hash", hash(token)));
        }
    }

    /** Ends every session of the user but the one named (null: all). */
    void closeAll(long userId, String keepToken) {
        db.update(
                "DELETE FROM user_sessions WHERE user_id = :user_id AND token_hash IS DISTINCT FROM CAST(:keep AS bytea)",
                Params.of("user_id", userId).and("keep", keepToken == null ? null : hash(keepToken)));
    }

    /** Deletes sessions past their end, on every replica now and then (the same DELETE twice is harmless). */
    @Scheduled(fixedDelay = "10m", initialDelay = "1m")
    int deleteEnded() {
        Instant now = clock.instant();
        return db.update(
                "DELETE FROM user_sessions WHERE expires_at <= :now OR last_seen_at <= :idle_since",
                Params.of("now", now).and("idle_since", now.minus(settings.idleTimeout())));
    }

    private record Found(SessionUser user, Instant lastSeen) {}

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
