package dev.opscenter.ingress.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Page is one keyset page, newest first.
 *
 * @param nextBefore pass as {@code before} to get the next page; null on the last page
 */
@Serdeable
public record Page<T>(List<T> items, @Nullable Long nextBefore) {
    private static final int DEFAULT = 50;
    private static final int MAX = 200;

    /** The page size to use for a requested limit: default 50, at most 200. */
    public static int size(@Nullable Integer limit) {
        if (limit == null || limit <= 0) {
            return DEFAULT;
        }
        return Math.min(limit, MAX);
    }

    /** A page of items fetched with the given size; a full page may have more after it. */
    public static <T> Page<T> of(List<T> items, int size, ToLongFunction<T> id) {
        Long next = items.size() == size && !items.isEmpty() ? id.applyAsLong(items.get(items.size() - 1)) : null;
        return new Page<>(items, next);
    }
}
