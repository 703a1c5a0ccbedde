package dev.opscenter.common.signature;

import java.util.Optional;

/** Headers is the read-only view of request headers a signature scheme needs; lookups ignore case. */
@FunctionalInterface
public interface Headers {
    /** First value of the named header, if present. */
    Optional<String> first(String name);
}
