package dev.opscenter.bench;

import dev.opscenter.common.signature.GitHubSignature;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * FanoutHeap measures one alert sent to a large recipient group: it creates a webhook source, a group of N members, a
 * signed webhook channel to a receiver in this process and a rule joining them, posts one signed GitHub webhook, and
 * while the worker creates the N notification rows and sends them, samples the worker's heap and the fan-out's
 * progress. Prints row-creation time, delivery time, sends/s and the worker's heap before, at its peak and after.
 */
public final class FanoutHeap {
    private static final double MIB = 1024 * 1024;
    private static final int RECEIVER_THREADS = 8;
    /** Samples taken before the webhook, so "before" is a settled reading rather than the first poll's. */
    private static final int BASELINE_SAMPLES = 8;

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

    private final FanoutOptions options;
    private final HttpClient http = AdminCalls.client();
    private final AdminCalls admin;
    private final SecureRandom random = new SecureRandom();
    private final String name = "bench-fanout-" + Long.toString(System.currentTimeMillis(), 36);

    FanoutHeap(FanoutOptions options) {
        this.options = options;
        this.admin = new AdminCalls(http, options.url(), options.token());
    }

    public static void main(String[] args) throws Exception {
        FanoutOptions options;
        try {
            options = FanoutOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(FanoutOptions.USAGE);
            System.exit(64);
            return;
        }
        System.exit(new FanoutHeap(options).run());
    }

    /** What the run created, so it can be switched off whatever happens. */
    private static final class Created {
        Long sourceId;
        long channelId;
        long groupId;
        Long ruleId;
    }

    int run() throws Exception {
        long deadline = System.nanoTime() + options.timeout().toNanos();
        String signingSecret = "whsec_" + Base64.getEncoder().encodeToString(bytes(32));
        String githubSecret = HexFormat.of().formatHex(bytes(16));
        Created created = new Created();
        try (FanoutReceiver receiver = FanoutReceiver.start(signingSecret, RECEIVER_THREADS);
                HeapSampler sampler = new HeapSampler(http, options.worker(), admin, receiver::distinct)) {
            try {
                sampler.heap(); // fail before creating anything if the worker's metrics are not there
            } catch (IOException e) {
                System.err.println("cannot read the worker's heap: " + e.getMessage());
                return 2;
            }
            System.out.printf(
                    "target %s, worker metrics %s/prometheus, receiver %s, %d recipients, timeout %ds%n",
                    options.url(),
                    options.worker(),
                    receiver.uri(),
                    options.recipients(),
                    options.timeout().toSeconds());
            Duration membersTook = setUp(created, receiver, githubSecret, signingSecret);
            return measure(created, receiver, sampler, githubSecret, membersTook, deadline);
        } finally {
            cleanUp(created);
        }
    }

    private Duration setUp(Created created, FanoutReceiver receiver, String githubSecret, String signingSecret)
            throws IOException, InterruptedException {
        created.sourceId = admin.create(
                "/api/sources",
                "{\"name\":%s,\"slug\":%s,\"kind\":\"github\",\"secret\":%s}"
                        .formatted(AdminCalls.quote(name), AdminCalls.quote(name), AdminCalls.quote(githubSecret)));
        created.groupId = admin.create(
                "/api/recipient-groups",
                "{\"name\":%s,\"description\":\"FanoutHeap run\"}".formatted(AdminCalls.quote(name)));
        long start = System.nanoTime();
        for (int from = 0; from < options.recipients(); from += options.batch()) {
            List<String> members = new ArrayList<>();
            for (int i = from; i < Math.min(from + options.batch(), options.recipients()); i++) {
                // not URLs: every notification goes to the channel's url, the receiver
                members.add("%s-%06d".formatted(name, i));
            }
            admin.post(
                    "/api/recipient-groups/" + created.groupId + "/members",
                    "{\"recipients\":" + AdminCalls.array(members) + "}",
                    200);
        }
        Duration membersTook = Duration.ofNanos(System.nanoTime() - start);
        created.channelId = admin.create(
                "/api/channels",
                "{\"name\":%s,\"type\":\"webhook\",\"config\":{\"url\":%s},\"secret\":%s}"
                        .formatted(
                                AdminCalls.quote(name),
                                AdminCalls.quote(receiver.uri().toString()),
                                AdminCalls.quote(signingSecret)));
        created.ruleId = admin.create("/api/notification-rules", ruleBody(created, true));
        return membersTook;
    }

    /** The rule's whole body (PUT replaces every field). minSeverity info: every alert of the source, whatever its severity. */
    private String ruleBody(Created created, boolean active) {
        return "{\"name\":%s,\"active\":%b,\"sourceId\":%d,\"minSeverity\":\"info\",\"channelId\":%d,\"recipientGroupId\":%d}"
                .formatted(AdminCalls.quote(name), active, created.sourceId, created.channelId, created.groupId);
    }

    private int measure(
            Created created,
            FanoutReceiver receiver,
            HeapSampler sampler,
            String githubSecret,
            Duration membersTook,
            long deadline)
            throws IOException, InterruptedException {
        sampler.start(options.sampleEvery());
        while (sampler.samples().size() < BASELINE_SAMPLES && System.nanoTime() < deadline) {
            Thread.sleep(options.sampleEvery().toMillis());
        }
        HeapSampler.Sample before = sampler.sampleNow();
        long posted = System.nanoTime();
        long eventId = postWebhook(githubSecret);
        sampler.follow(eventId);
        boolean complete = false;
        while (!complete && System.nanoTime() < deadline) {
            complete = receiver.awaitDistinct(
                    options.recipients(), Math.min(deadline, System.nanoTime() + PROGRESS_EVERY.toNanos()));
            List<HeapSampler.Sample> sofar = sampler.samples();
            HeapSampler.Sample last = sofar.get(sofar.size() - 1);
            System.out.printf(
                    "  %6.1fs  rows %-13s received %6d  heap %6.1f MiB (old gen %.1f)%n",
                    seconds(last.nanos() - posted),
                    last.progress().map(p -> p.created() + "/" + p.total()).orElse("-"),
                    receiver.distinct(),
                    last.heapBytes() / MIB,
                    last.heap().oldBytes() / MIB);
        }
        HeapSampler.Sample after = sampler.sampleNow();
        sampler.close();

        List<HeapSampler.Sample> during =
                sampler.samples().stream().filter(s -> s.nanos() >= posted).toList();
        double peak =
                during.stream().mapToDouble(HeapSampler.Sample::heapBytes).max().orElse(after.heapBytes());
        Optional<HeapSampler.Sample> rowsDone = during.stream()
                .filter(s -> s.progress().map(FanoutProgress::done).orElse(false))
                .findFirst();
        Optional<FanoutProgress> progress = after.progress();
        int n = options.recipients();
        System.out.printf(
                "recipients   %d (group %s, %d members added in %.2fs, batches of %d)%n",
                n, name, n, membersTook.toMillis() / 1e3, options.batch());
        System.out.printf(
                "event        %d accepted; rule %d sends every alert of source %s to the group%n",
                eventId, created.ruleId, name);
        System.out.printf(
                "rows         %s%n",
                progress.map(p -> "%d of %d created%s"
                                .formatted(
                                        p.created(),
                                        p.total(),
                                        rowsDone.map(s ->
                                                        ", all seen %.2fs after the POST (fan-out record: %.2fs from start to last chunk)"
                                                                .formatted(
                                                                        seconds(s.nanos() - posted),
                                                                        p.span().toMillis() / 1e3))
                                                .orElse(" (not finished)")))
                        .orElse("no fan-out started"));
        if (receiver.distinct() == 0) {
            System.out.printf(
                    "received     nothing (%d POSTs, %d bad signatures)%n", receiver.posts(), receiver.badSignatures());
        } else {
            System.out.printf(
                    "received     %d of %d distinct, the last %.2fs after the POST (first after %.2fs; %d POSTs, %d bad signatures)%n",
                    receiver.distinct(),
                    n,
                    seconds(receiver.lastNanos() - posted),
                    seconds(receiver.firstNanos() - posted),
                    receiver.posts(),
                    receiver.badSignatures());
            System.out.printf(
                    "sends/s      %.1f from first to last receipt, %.1f from the POST%n",
                    receiver.distinct() / Math.max(seconds(receiver.lastNanos() - receiver.firstNanos()), 1e-3),
                    receiver.distinct() / Math.max(seconds(receiver.lastNanos() - posted), 1e-3));
        }
        System.out.printf(
                "worker heap  before %.1f MiB, peak %.1f MiB, after %.1f MiB; peak - before %.1f MiB (%d samples every %dms, %d failed)%n",
                before.heapBytes() / MIB,
                peak / MIB,
                after.heapBytes() / MIB,
                (peak - before.heapBytes()) / MIB,
                during.size(),
                options.sampleEvery().toMillis(),
                sampler.failures());
        // young collections make the total a sawtooth; the old generation shows what the run kept alive
        double oldPeak =
                during.stream().mapToDouble(s -> s.heap().oldBytes()).max().orElse(Double.NaN);
        System.out.printf(
                "old gen      before %.1f MiB, peak %.1f MiB, after %.1f MiB; peak - before %.1f MiB%n",
                before.heap().oldBytes() / MIB,
                oldPeak / MIB,
                after.heap().oldBytes() / MIB,
                (oldPeak - before.heap().oldBytes()) / MIB);
        String failed = admin.get("/api/notification-logs?rule=" + created.ruleId + "&status=failed&limit=1");
        System.out.printf(
                "failed rows  %s%n",
                failed.contains("\"id\"")
                        ? "some (GET /api/notification-logs?status=failed&rule=" + created.ruleId + ")"
                        : "none");
        if (!complete) {
            System.out.printf(
                    "incomplete   stopped by the %ds timeout%n",
                    options.timeout().toSeconds());
            return 1;
        }
        return 0;
    }

    private long postWebhook(String githubSecret) throws IOException, InterruptedException {
        byte[] body = WorkflowRunPayload.body(System.currentTimeMillis() * 1_000, 0);
        HttpRequest request = HttpRequest.newBuilder(options.url().resolve("/api/webhooks/" + name))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("User-Agent", "GitHub-Hookshot/opscenter-bench")
                .header("X-GitHub-Event", WorkflowRunPayload.EVENT)
                .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header(GitHubSignature.HEADER, GitHubSignature.sign(githubSecret, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IOException("webhook answered " + response.statusCode() + ": " + response.body());
        }
        return AdminCalls.id(response.body());
    }

    /** The rule stops matching and the source stops accepting; rows stay, as notification logs are kept for audit. */
    private void cleanUp(Created created) {
        List<String> done = new ArrayList<>();
        try {
            if (created.ruleId != null) {
                admin.put("/api/notification-rules/" + created.ruleId, ruleBody(created, false));
                done.add("rule " + created.ruleId + " deactivated");
            }
            if (created.sourceId != null) {
                admin.delete("/api/sources/" + created.sourceId);
                done.add("source " + name + " deactivated");
            }
        } catch (IOException | RuntimeException e) {
            done.add("FAILED: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.add("interrupted");
        }
        if (!done.isEmpty()) {
            System.out.println("cleanup      " + String.join(", ", done));
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
