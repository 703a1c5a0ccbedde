package dev.opscenter.ingress.user;

import dev.opscenter.common.sql.Columns;
import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Params;
import dev.opscenter.common.vocabulary.Role;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Reads and writes the users table; the password hash leaves it only for {@link #credentials}. */
@Singleton
final class UserRepository {
    private static final String SELECT = """
            SELECT id, username, display_name, email, role, disabled, created_at, updated_at, last_login_at FROM users
            """;

    /** What sign-in needs of a user. */
    record Credentials(long id, String username, Role role, String passwordHash, boolean disabled) {}

    private final Database db;

    UserRepository(Database db) {
        this.db = db;
    }

    List<User> list() {
        return db.list(SELECT + " ORDER BY username", Params.NONE, UserRepository::map);
    }

    Optional<User> find(long id) {
        return db.one(SELECT + " WHERE id = :id", Params.of("id", id), UserRepository::map);
    }

    Optional<Credentials> credentials(String username) {
        return db.one(
                "SELECT id, username, role, password_hash, disabled FROM users WHERE username = :username",
                Params.of("username", username),
                r -> new Credentials(
                        r.getLong("id"),
                        r.getString("username"),
                        Role.parse(r.getString("role")).orElseThrow(),
                        r.getString("password_hash"),
                        r.getBoolean("disabled")));
    }

    /** Inserts the user unless the name is taken; empty when it is. */
    Optional<Long> insert(String username, String displayName, String email, Role role, String passwordHash) {
        return db.one(
                """
                INSERT INTO users (username, display_name, email, role, password_hash)
                VALUES (:username, :display_name, :email, :role, :password_hash)
                ON CONFLICT (username) DO NOTHING
                RETURNING id""",
                Params.of("username", username)
                        .and("display_name", displayName)
                        .and("email", email)
                        .and("role", role.value())
                        .and("password_hash", passwordHash),
                Long.class);
    }

    void update(long id, String displayName, String email, Role role, boolean disabled) {
        db.update(
                """
                UPDATE users SET display_name = :display_name, email = :email, role = :role, disabled = :disabled,
                                 updated_at = now()
                 WHERE id = :id""",
                Params.of("id", id)
                        .and("display_name", displayName)
                        .and("email", email)
                        .and("role", role.value())
                        .and("disabled", disabled));
    }

    void setPassword(long id, String passwordHash) {
        db.update(
                "UPDATE users SET password_hash = :hash, updated_at = now() WHERE id = :id",
                Params.of("id", id).and("hash", passwordHash));
    }

    void signedIn(long id) {
        db.update("UPDATE users SET last_login_at = now() WHERE id = :id", Params.of("id", id));
    }

    int delete(long id) {
        return db.update("DELETE FROM users WHERE id = :id", Params.of("id", id));
    }

    /** Enabled admins other than this user, with their rows locked so two concurrent demotions cannot both pass. */
    long otherActiveAdmins(long id) {
        return db.list(
                        "SELECT id FROM users WHERE role = 'admin' AND NOT disabled AND id <> :id FOR UPDATE",
                        Params.of("id", id),
                        Long.class)
                .size();
    }

    private static User map(ResultSet r) throws SQLException {
        return new User(
                r.getLong("id"),
                r.getString("username"),
                r.getString("display_name"),
                r.getString("email"),
                r.getString("role"),
                r.getBoolean("disabled"),
                Columns.instant(r, "created_at"),
                Columns.instant(r, "updated_at"),
                Columns.instant(r, "last_login_at"));
    }
}
