package dev.opscenter.ingress.notify.group;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Request and response bodies of the recipient-group API. */
final class GroupInputs {
    private GroupInputs() {}

    /** Body of create and update. */
    @Serdeable
    record GroupInput(
            @Nullable String name,

            @Nullable @Size(max = MAX_DESCRIPTION, message = "at most " + MAX_DESCRIPTION + " characters")
            String description) {
        static final int MAX_DESCRIPTION = 2_000;

        /** The description stripped; null when absent or blank. */
        @Nullable
        String cleanDescription() {
            return description == null || description.isBlank() ? null : description.strip();
        }
    }

    /** Body of member add and remove. */
    @Serdeable
    record Members(@Nullable List<String> recipients) {}

    /** One page of members in recipient order; pass {@code nextAfter} as {@code after} for the next page. */
    @Serdeable
    record MemberPage(List<String> items, @Nullable String nextAfter) {}

    /**
     * Outcome of a member addition.
     *
     * @param added members this call added (ones already present are not counted)
     * @param total members of the group afterwards
     */
    @Serdeable
    record Added(int added, long total) {}

    /** Outcome of a member removal. */
    @Serdeable
    record Removed(int removed, long total) {}
}
