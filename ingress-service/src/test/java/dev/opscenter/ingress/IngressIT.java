package dev.opscenter.ingress;

import dev.opscenter.common.testing.TestEnvironment;
import dev.opscenter.ingress.IngressTestClient.Reply;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * IngressIT is what every ingress integration test starts from: its own schema and Redis prefix, the running server,
 * a client for it, and SQL and JSON helpers.
 *
 * <p>Subclasses carry {@code @MicronautTest(transactional = false)} and {@code @TestInstance(PER_CLASS)}: one instance
 * per class is what makes {@link #env} per class and lets Micronaut read {@link #getProperties()} before it starts.
 */
public abstract class IngressIT implements TestPropertyProvider {
    protected final TestEnvironment env = TestEnvironment.create();

    @Inject
    protected EmbeddedServer server;

    @Inject
    protected JsonMapper json;

    protected IngressTestClient client;

    /** The schema and key prefix; subclasses add to these with {@link #propertiesWith}. */
    @Override
    public Map<String, String> getProperties() {
        return propertiesWith();
    }

    /** The schema, key prefix and free management port, plus the given key, value pairs. */
    protected final Map<String, String> propertiesWith(String... keyValues) {
        Map<String, String> properties = new HashMap<>(env.properties());
        // management endpoints on a free port, not the fixed 9080/9081
        properties.put("opscenter.management-port", Integer.toString(env.managementPort()));
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put(keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }

    @AfterAll
    void dropSchema() {
        env.close();
    }

    @BeforeEach
    void openClient() {
        client = new IngressTestClient(server.getURI(), json);
    }

    protected Map<String, Object> map(Reply reply) {
        return client.map(reply);
    }

    protected List<Map<String, Object>> items(Reply reply) {
        return client.items(reply);
    }

    protected static long id(Map<String, Object> object) {
        return ((Number) object.get("id")).longValue();
    }

    /** Runs statements without results. */
    protected void sql(String... statements) throws SQLException {
        try (Connection c = env.connection();
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    /** The first column of the first row, a count. */
    protected long count(String query) throws SQLException {
        try (Connection c = env.connection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(query)) {
            r.next();
            return r.getLong(1);
        }
    }
}
