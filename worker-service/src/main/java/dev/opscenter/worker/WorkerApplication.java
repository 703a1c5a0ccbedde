package dev.opscenter.worker;

import io.micronaut.runtime.Micronaut;

/** Entry point of the worker service. */
public final class WorkerApplication {
    private WorkerApplication() {}

    public static void main(String[] args) {
        Micronaut.run(WorkerApplication.class, args);
    }
}
