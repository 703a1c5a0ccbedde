package dev.opscenter.ingress.event;

import dev.opscenter.common.problem.ProblemException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import java.util.Map;

/** Answers is how both intake endpoints (webhooks, triggered events) answer what recording an event came to. */
public final class Answers {
    private Answers() {}

    /**
     * 202 naming the new event, 200 naming the first one for a repeat; a 400 problem for JSON PostgreSQL cannot store,
     * told without the database's own words.
     *
     * @param what what the sender calls the JSON that was refused ("body", "payload")
     */
    public static HttpResponse<Map<String, Object>> to(Recorded recorded, String what) {
        return switch (recorded) {
            case Recorded.Accepted accepted ->
                HttpResponse.accepted().body(Map.of("id", accepted.id(), "status", "accepted"));
            case Recorded.Duplicate duplicate -> HttpResponse.ok(Map.of("id", duplicate.id(), "duplicate", true));
            case Recorded.UnstorableJson unstorable ->
                throw new ProblemException(
                        HttpStatus.BAD_REQUEST,
                        "Invalid JSON",
                        "the " + what + " is JSON the database cannot store (e.g. a \\u0000 escape)");
        };
    }
}
