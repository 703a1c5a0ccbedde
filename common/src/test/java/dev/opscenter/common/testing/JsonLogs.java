package dev.opscenter.common.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;

/**
 * JsonLogs captures the lines a service logs, written by the encoder of its JSON format ({@code LOG_FORMAT=json}), for
 * tests to read the structured fields of. Attach it before the work and close it after.
 */
public final class JsonLogs implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.createDefault();

    private final LoggerContext context;
    private final Logger root;
    /** Loggers set to DEBUG for the capture, with the level each had before (null: inherited). */
    private final Map<Logger, Level> raised = new HashMap<>();

    private final LogstashEncoder encoder = new LogstashEncoder();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            lines.add(new String(encoder.encode(event), StandardCharsets.UTF_8));
        }
    };

    private JsonLogs() {
        context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        encoder.setContext(context);
        encoder.start();
        appender.setContext(context);
        appender.setName("json-capture-" + System.identityHashCode(this));
        appender.start();
    }

    /** Starts capturing every line the service's loggers write from now on; the named loggers write DEBUG lines too. */
    public static JsonLogs capture(String... debugLoggers) {
        JsonLogs logs = new JsonLogs();
        for (String name : debugLoggers) {
            Logger logger = logs.context.getLogger(name);
            logs.raised.put(logger, logger.getLevel());
            logger.setLevel(Level.DEBUG);
        }
        logs.root.addAppender(logs.appender);
        return logs;
    }

    /** The first line captured whose message contains the text, as its JSON fields. */
    public Optional<Map<String, Object>> line(String messageContains) {
        return lines.stream()
                .map(JsonLogs::parse)
                .filter(line -> String.valueOf(line.get("message")).contains(messageContains))
                .findFirst();
    }

    private static Map<String, Object> parse(String line) {
        try {
            return JSON.readValue(line, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException("not one JSON object: " + line, e);
        }
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        raised.forEach(Logger::setLevel);
        appender.stop();
        encoder.stop();
    }
}
