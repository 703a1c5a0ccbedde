package dev.opscenter.worker.notify;

import dev.opscenter.common.crypto.SecretCipher;
import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Json;
import dev.opscenter.common.sql.Params;
import dev.opscenter.common.vocabulary.ChannelType;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DefaultRules keeps the behaviour operators had before rules existed: when an alert address and/or a Telegram chat
 * is configured, alerts of severity warning and above go there. The channels and rules are created once, by name,
 * and from then on belong to the admins: edits and deactivation through the API are never overwritten.
 */
@Singleton
@Requires(property = "opscenter.worker.enabled", notEquals = "false")
final class DefaultRules {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultRules.class);

    private final Database db;
    private final SecretCipher cipher;
    private final JsonMapper json;
    private final Settings settings;

    DefaultRules(Database db, SecretCipher cipher, JsonMapper json, Settings settings) {
        this.db = db;
        this.cipher = cipher;
        this.json = json;
        this.settings = settings;
    }

    /** Where the default rules send; blank values leave that channel out. */
    @ConfigurationProperties("opscenter.notifications.defaults")
    record Settings(
            @Nullable String emailTo,
            @Nullable String emailFrom,
            @Nullable String telegramBotToken,
            @Nullable String telegramChatId,
            @Nullable String telegramBaseUrl,
            @Nullable String minSeverity) {}

    @EventListener
    void onStartup(StartupEvent event) {
        try {
            String severity = blank(settings.minSeverity()) ? "warning" : settings.minSeverity();
            if (!blank(settings.emailTo())) {
                String from = blank(settings.emailFrom()) ? "opscenter@localhost" : settings.emailFrom();
                ensure(
                        "default-email",
                        ChannelType.EMAIL,
                        Json.write(json, Map.of("from", from)),
                        null,
                        settings.emailTo(),
                        severity);
            }
            if (!blank(settings.telegramBotToken()) && !blank(settings.telegramChatId())) {
                String base =
                        blank(settings.telegramBaseUrl()) ? "https://api.telegram.org" : settings.telegramBaseUrl();
                ensure(
                        "default-telegram",
                        ChannelType.TELEGRAM,
                        Json.write(json, Map.of("baseUrl", base)),
                        settings.telegramBotToken(),
                        settings.telegramChatId(),
                        severity);
            }
        } catch (RuntimeException e) {
            LOG.warn("default notification rules not ensured: {}", e.toString());
        }
    }

    private void ensure(
            String name, ChannelType type, String config, @Nullable String secret, String recipient, String severity) {
        db.update(
                """
                INSERT INTO channels (name, type, config, secret_encrypted)
                VALUES (:name, :type, CAST(:config AS jsonb), :secret)
                ON CONFLICT (name) DO NOTHING""",
                Params.of("name", name)
                        .and("type", type)
                        .and("config", config)
                        .and("secret", secret == null ? null : cipher.encrypt(secret)));
        int created = db.update(
                """
                INSERT INTO notification_rules (name, min_severity, channel_id, recipients)
                SELECT :rule_name, :severity, id, ARRAY[:recipient] FROM channels WHERE name = :channel_name
                ON CONFLICT (name) DO NOTHING""",
                Params.of("rule_name", name + "-alerts")
                        .and("severity", severity)
                        .and("recipient", recipient)
                        .and("channel_name", name));
        if (created > 0) {
            LOG.info(
                    "created default rule '{}-alerts': {} and above via {} to {}",
                    name,
                    severity,
                    type.wire(),
                    recipient);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
