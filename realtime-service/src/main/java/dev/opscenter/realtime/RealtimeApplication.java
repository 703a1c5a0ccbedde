package dev.opscenter.realtime;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry point of the realtime service. */
public final class RealtimeApplication {
    private static final Logger LOG = LoggerFactory.getLogger(RealtimeApplication.class);

    private RealtimeApplication() {}

    public static void main(String[] args) {
        ApplicationContext context =
                Micronaut.build(args).mainClass(RealtimeApplication.class).build();
        try {
            context.start();
            EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
            LOG.info("Realtime service listening on {}", server.getURL());
        } catch (RuntimeException e) {
            LOG.error("Realtime service failed to start", e);
            context.close();
            System.exit(1);
        }
        // Not Micronaut.run: its shutdown hook stops the server before the context, which cuts every socket off
        // without a close frame. Closing the context first runs the graceful shutdown, which sends each socket
        // 1001 "going away" and waits for it to close, and stops the server after that.
        Runtime.getRuntime().addShutdownHook(new Thread(context::close, "realtime-shutdown"));
    }
}
