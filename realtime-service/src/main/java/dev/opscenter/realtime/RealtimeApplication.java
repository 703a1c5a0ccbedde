package dev.opscenter.realtime;

import io.micronaut.runtime.Micronaut;

/** Entry point of the realtime service. */
public final class RealtimeApplication {
    private RealtimeApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(RealtimeApplication.class, args);
    }
}
