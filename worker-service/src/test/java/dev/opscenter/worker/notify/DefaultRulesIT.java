package dev.opscenter.worker.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.opscenter.common.testing.TestEnvironment;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The default channels against real PostgreSQL: configured values reach the stored channel config exactly. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DefaultRulesIT implements TestPropertyProvider {
    static final TestEnvironment ENV = TestEnvironment.create();
    // a quote, a backslash and control characters: JSON must escape each, or PostgreSQL refuses the config
    static final String FROM = "Ops \"Desk\" \\ bell\u0001 tab\t line\n <ops@example.com>";
    static final String TELEGRAM_BASE = "http://127.0.0.1:9/bot\u001f\r";

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(ENV.properties());
        p.put("opscenter.notifications.defaults.email-to", "ops@example.com");
        p.put("opscenter.notifications.defaults.email-from", FROM);
        p.put("opscenter.notifications.defaults.telegram-bot-token", "123456:bot-token-for-tests");
        p.put("opscenter.notifications.defaults.telegram-chat-id", "1000");
        p.put("opscenter.notifications.defaults.telegram-base-url", TELEGRAM_BASE);
        return p;
    }

    @AfterAll
    void drop() {
        ENV.close();
    }

    private static String config(String channel, String key) throws SQLException {
        try (Connection c = ENV.connection();
                PreparedStatement s = c.prepareStatement("SELECT config ->> ? FROM channels WHERE name = ?")) {
            s.setString(1, key);
            s.setString(2, channel);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : "no channel " + channel;
            }
        }
    }

    @Test
    void defaultEmailChannelKeepsTheSenderWithControlCharacters() throws SQLException {
        assertEquals(FROM, config("default-email", "from"));
    }

    @Test
    void defaultTelegramChannelKeepsTheBaseUrlWithControlCharacters() throws SQLException {
        assertEquals(TELEGRAM_BASE, config("default-telegram", "baseUrl"));
    }
}
