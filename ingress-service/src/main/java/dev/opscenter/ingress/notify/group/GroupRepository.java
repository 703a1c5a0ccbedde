package dev.opscenter.ingress.notify.group;

import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Params;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
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
        return db.one(SELECT + " WHERE g.id = :id", Params.of("id", id), RecipientGroup.class);
    }

    List<RecipientGroup> list() {
        return db.list(SELECT + " ORDER BY g.name, g.id", Params.NONE, RecipientGroup.class);
    }

    /** Inserts a group; empty when the name is taken. */
    Optional<RecipientGroup> insert(String name, String description) {
        return db.one("""
                INSERT INTO recipient_groups (name, description) VALUES (:name, :description)
                ON CONFLICT (name) DO NOTHING
                RETURNING id, name, description, created_at, 0 AS member_count""", Params.of("name", name).and("description", description), RecipientGroup.class);
    }

    /** Renames and redescribes a group; throws on a taken name. */
    boolean update(long id, String name, String description) {
        return db.update(
                        "UPDATE recipient_groups SET name = :name, description = :description WHERE id = :id",
                        Params.of("id", id).and("name", name).and("description", description))
                == 1;
    }

    /** Deletes a group and its members; throws when rules or fan-outs still refer to it. */
    boolean delete(long id) {
        return db.update("DELETE FROM recipient_groups WHERE id = :id", Params.of("id", id)) == 1;
    }

    /** Members after the given recipient (all when null), in recipient order. */
    public List<String> members(long groupId, String after, int limit) {
        return db.list("""
                SELECT recipient FROM recipient_group_members
                 WHERE group_id = :group_id AND (CAST(:after AS text) IS NULL OR recipient > :after)
                 ORDER BY recipient
                 LIMIT :limit""", Params.of("group_id", groupId).and("after", after).and("limit", limit), String.class);
    }

    /** How many members the group has. */
    public long count(long groupId) {
        return db.one(
                        "SELECT count(*) FROM recipient_group_members WHERE group_id = :group_id",
                        Params.of("group_id", groupId),
                        Long.class)
                .orElse(0L);
    }

    /** How many of the given recipients are members (an index lookup each, not a scan of the group). */
    public long countAmong(long groupId, Collection<String> recipients) {
        if (recipients.isEmpty()) {
            return 0;
        }
        return db.one(
                        "SELECT count(*) FROM recipient_group_members WHERE group_id = :group_id AND recipient = ANY (:recipients)",
                        Params.of("group_id", groupId).and("recipients", Params.texts(recipients)),
                        Long.class)
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
                        SELECT :group_id, unnest(:recipients::text[])
                        ON CONFLICT DO NOTHING""", Params.of("group_id", groupId).and("recipients", Params.texts(batch)));
            }
            return added;
        });
    }

    /** Removes members; returns how many were there. */
    int remove(long groupId, List<String> recipients) {
        return db.update(
                "DELETE FROM recipient_group_members WHERE group_id = :group_id AND recipient = ANY (:recipients)",
                Params.of("group_id", groupId).and("recipients", Params.texts(recipients)));
    }
}
