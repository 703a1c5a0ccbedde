package dev.opscenter.ingress;

import io.micronaut.runtime.Micronaut;

/** Entry point of the ingress service. */
public final class IngressApplication {
    private IngressApplication() {}

    public static void main(String[] args) {
        Micronaut.run(IngressApplication.class, args);
    }
}
