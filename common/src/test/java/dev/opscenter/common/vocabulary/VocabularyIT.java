package dev.opscenter.common.vocabulary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.opscenter.common.alert.Severity;
import dev.opscenter.common.testing.TestEnvironment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each enum of the vocabulary names exactly the values its columns' CHECK constraints accept, read from a schema the
 * migrations built on real PostgreSQL: a value added on one side only fails here, not in production.
 */
class VocabularyIT {
    private static final TestEnvironment ENV = TestEnvironment.create();
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    @BeforeAll
    static void migrate() {
        Flyway.configure()
                .dataSource(ENV.jdbcUrl(), ENV.user(), ENV.password())
                .schemas(ENV.schema())
                .load()
                .migrate();
    }

    @AfterAll
    static void drop() {
        ENV.close();
    }

    static Stream<Arguments> columns() {
        return Stream.of(
                Arguments.of("webhook_sources", "kind", names(SourceKind.values(), SourceKind::wire)),
                Arguments.of("webhook_events", "status", names(EventStatus.values(), EventStatus::wire)),
                Arguments.of("channels", "type", names(ChannelType.values(), ChannelType::wire)),
                Arguments.of("notification_templates", "channel_type", names(ChannelType.values(), ChannelType::wire)),
                Arguments.of(
                        "notification_logs", "status", names(NotificationStatus.values(), NotificationStatus::wire)),
                Arguments.of("notification_fanouts", "status", names(FanoutStatus.values(), FanoutStatus::wire)),
                Arguments.of("deliveries", "status", names(DeliveryStatus.values(), DeliveryStatus::wire)),
                Arguments.of("alerts", "severity", names(Severity.values(), Severity::wire)),
                Arguments.of("event_sources", "alert_severity", names(Severity.values(), Severity::wire)),
                Arguments.of("notification_rules", "min_severity", names(Severity.values(), Severity::wire)));
    }

    @ParameterizedTest(name = "{0}.{1}")
    @MethodSource("columns")
    void enumNamesTheValuesTheColumnAccepts(String table, String column, Set<String> names) throws SQLException {
        assertEquals(names, checkedValues(table, column));
    }

    private static <E> Set<String> names(E[] constants, Function<E, String> wire) {
        return Arrays.stream(constants).map(wire).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The quoted values of the one CHECK constraint on this column alone. */
    private static Set<String> checkedValues(String table, String column) throws SQLException {
        List<String> definitions = new ArrayList<>();
        try (Connection c = ENV.connection();
                PreparedStatement s = c.prepareStatement("""
                SELECT pg_get_constraintdef(k.oid)
                  FROM pg_constraint k
                  JOIN pg_class t ON t.oid = k.conrelid
                  JOIN pg_namespace n ON n.oid = t.relnamespace
                  JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.conkey[1]
                 WHERE k.contype = 'c' AND cardinality(k.conkey) = 1
                   AND n.nspname = current_schema() AND t.relname = ? AND a.attname = ?""")) {
            s.setString(1, table);
            s.setString(2, column);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    definitions.add(r.getString(1));
                }
            }
        }
        assertEquals(1, definitions.size(), "CHECK constraints on " + table + "." + column + ": " + definitions);
        Set<String> values = new TreeSet<>();
        Matcher m = QUOTED.matcher(definitions.get(0));
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }
}
