package dev.opscenter.ingress.notify.group;

import dev.opscenter.common.sql.Database;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** GroupRepository reads and writes recipient groups and their members. */
@Singleton
public final class GroupRepository {
    /** Members per INSERT: large enough to be quick, small enough to keep each statement's array modest. */
    private static final int BATCH = 1_000;

    private static final String SELECT = """
            SELECT g.id, g.name, g.description, g.created_at,
                   (SELECT count(*) FROM recipient_group_members m WHERE m.group_id = g.id) AS member_count
              FROM recipient_groups g
            """;

    private final Database db;
    private final TransactionOperations<Connection> tx;

    GroupRepository(Database db, TransactionOperations<Connection> tx) {
        this.db = db;
        this.tx = tx;
    }

    /** The group with this id, if any. */
    public Optional<RecipientGroup> find(long id) {
        return db.one(SELECT + " WHERE g.id = ?", s -> s.setLong(1, id), this::map);
    }

    List<RecipientGroup> list() {
        return db.list(SELECT + " ORDER BY g.name, g.id", Database.NO_PARAMETERS, this::map);
    }

    /** Inserts a group; empty when the name is taken. */
    Optional<RecipientGroup> insert(String name, String description) {
        return db.one(
                """
                INSERT INTO recipient_groups (name, description) VALUES (?, ?)
                ON CONFLICT (name) DO NOTHING
                RETURNING id, name, description, created_at, 0 AS member_count""",
                s -> {
                    s.setString(1, name);
                    s.setString(2, description);
                },
                this::map);
    }

    /** Renames and redescribes a group; throws on a taken name. */
    boolean update(long id, String name, String description) {
        return db.update("UPDATE recipient_groups SET name = ?, description = ? WHERE id = ?", s -> {
                    s.setString(1, name);
                    s.setString(2, description);
                    s.setLong(3, id);
                })
                == 1;
    }

    /** Deletes a group and its members; throws when rules or fan-outs still refer to it. */
    boolean delete(long id) {
        return db.update("DELETE FROM recipient_groups WHERE id = ?", s -> s.setLong(1, id)) == 1;
    }

    /** Members after the given recipient (all when null), in recipient order. */
    public List<String> members(long groupId, String after, int limit) {
        return db.list(
                """
                SELECT recipient FROM recipient_group_members
                 WHERE group_id = ? AND (CAST(? AS text) IS NULL OR recipient > ?)
                 ORDER BY recipient
                 LIMIT ?""",
                s -> {
                    s.setLong(1, groupId);
                    s.setString(2, after);
                    s.setString(3, after);
                    s.setInt(4, limit);
                },
                r -> r.getString(1));
    }

    /** How many members the group has. */
    public long count(long groupId) {
        return db.one(
                        "SELECT count(*) FROM recipient_group_members WHERE group_id = ?",
                        s -> s.setLong(1, groupId),
                        r -> r.getLong(1))
                .orElse(0L);
    }

    /** How many of the given recipients are members (an index lookup each, not a scan of the group). */
    public long countAmong(long groupId, Collection<String> recipients) {
        if (recipients.isEmpty()) {
            return 0;
        }
        return db.one(
                        "SELECT count(*) FROM recipient_group_members WHERE group_id = ? AND recipient = ANY (?)",
                        s -> {
                            s.setLong(1, groupId);
                            s.setArray(2, s.getConnection().createArrayOf("text", recipients.toArray()));
                        },
                        r -> r.getLong(1))
                .orElse(0L);
    }

    /** Adds members in batches within one transaction; returns how many were new. */
    int add(long groupId, List<String> recipients) {
        return tx.executeWrite(status -> {
            int added = 0;
            for (int from = 0; from < recipients.size(); from += BATCH) {
                List<String> batch = recipients.subList(from, Math.min(from + BATCH, recipients.size()));
                added += db.update("""
                        INSERT INTO recipient_group_members (group_id, recipient)
                        SELECT ?, unnest(?::text[])
                        ON CONFLICT DO NOTHING""", s -> {
                    s.setLong(1, groupId);
                    s.setArray(2, s.getConnection().createArrayOf("text", batch.toArray()));
                });
            }
            return added;
        });
    }

    /** Removes members; returns how many were there. */
    int remove(long groupId, List<String> recipients) {
        return db.update("DELETE FROM recipient_group_members WHERE group_id = ? AND recipient = ANY (?)", s -> {
            s.setLong(1, groupId);
            s.setArray(2, s.getConnection().createArrayOf("text", recipients.toArray()));
        });
    }

    private RecipientGroup map(ResultSet r) throws SQLException {
        return new RecipientGroup(
                r.getLong("id"),
                r.getString("name"),
                r.getString("description"),
                r.getLong("member_count"),
                r.getTimestamp("created_at").toInstant());
    }
}
