package dev.opscenter.common.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** LogLines renders one log event through a service's own logback configuration, as its console would print it. */
public final class LogLines {
    private LogLines() {}

    /** The text the named console appender of {@code logback.xml} (main resources) writes for this message. */
    public static String render(String appender, String message, Throwable error) {
        URL config = Objects.requireNonNull(LogLines.class.getClassLoader().getResource("logback.xml"), "logback.xml");
        LoggerContext context = new LoggerContext();
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(config);
            Logger logger = context.getLogger("dev.opscenter.Test");
            @SuppressWarnings("unchecked")
            OutputStreamAppender<ILoggingEvent> console = (OutputStreamAppender<ILoggingEvent>)
                    context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(appender);
            LoggingEvent event = new LoggingEvent(LogLines.class.getName(), logger, Level.WARN, message, error, null);
            return new String(console.getEncoder().encode(event), StandardCharsets.UTF_8);
        } catch (JoranException e) {
            throw new IllegalStateException("logback.xml does not configure", e);
        } finally {
            context.stop();
        }
    }

    /** How many lines a log reader would see in the text: every CR, LF and CRLF ends one. */
    public static long lines(String text) {
        return text.lines().count();
    }
}
