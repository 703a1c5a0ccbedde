package dev.opscenter.bench.demo;

import dev.opscenter.bench.Args;
import dev.opscenter.common.startup.DevSecrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Demo sends the demo burst to a running dev stack, signed with the project's own signature schemes and the dev
 * secrets: {@code send} posts every {@link DemoWebhook#BURST} delivery and prints each answer; {@code curl} prints a
 * signed curl command for the GitHub source to paste (bin/opscenter up shows it).
 */
public final class Demo {
    static final String USAGE = """
            usage: Demo send|curl [--url http://127.0.0.1:8080] [--fixtures worker-service/src/test/resources/fixtures]""";
    /** The recorded delivery the curl command sends as it is. */
    static final String CURL_FIXTURE = "github/workflow_run.completed.json";

    private Demo() {}

    /** One delivery's answer; status 0 when none came. */
    public record Reply(String label, int status, String body) {
        /** Ingress took it: committed, or a duplicate of one it had. */
        public boolean accepted() {
            return status / 100 == 2;
        }
    }

    public static void main(String[] args) {
        if (args.length == 0 || !List.of("send", "curl").contains(args[0])) {
            System.err.println(USAGE);
            System.exit(64);
        }
        Map<String, String> options;
        try {
            options = Args.parse(
                    Arrays.copyOfRange(args, 1, args.length),
                    Map.of("url", "http://127.0.0.1:8080", "fixtures", "worker-service/src/test/resources/fixtures"));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(64);
            return;
        }
        URI ingress = URI.create(options.get("url"));
        Path fixtures = Path.of(options.get("fixtures")).toAbsolutePath().normalize();
        if (args[0].equals("curl")) {
            System.out.println(curl(ingress, fixtures, Clock.systemUTC()));
            return;
        }
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        List<Reply> replies = send(
                ingress,
                fixtures,
                http,
                Clock.systemUTC(),
                reply -> System.out.printf("%-44s %3d  %s%n", reply.label(), reply.status(), reply.body()));
        long refused = replies.stream().filter(reply -> !reply.accepted()).count();
        if (refused > 0) {
            System.err.println(refused + " of " + replies.size() + " webhooks were not accepted");
            System.exit(1);
        }
        System.out.println("all " + replies.size() + " webhooks accepted; alerts appear at " + ingress.resolve("/"));
    }

    /** Posts the burst to ingress, one delivery after the other, handing each answer to the listener as it comes. */
    public static List<Reply> send(URI ingress, Path fixtures, HttpClient http, Clock clock, Consumer<Reply> listener) {
        DevSecrets secrets = DevSecrets.load();
        List<Reply> replies = new ArrayList<>();
        for (DemoWebhook webhook : DemoWebhook.BURST) {
            String label = webhook.source().slug() + " " + webhook.label();
            Reply reply;
            try {
                SignedWebhook signed = webhook.sign(
                        fixtures, secrets.sourceSecret(webhook.source().slug()), clock.instant());
                HttpResponse<String> response =
                        http.send(signed.request(ingress), HttpResponse.BodyHandlers.ofString());
                reply = new Reply(label, response.statusCode(), response.body());
            } catch (IOException e) {
                reply = new Reply(label, 0, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            listener.accept(reply);
            replies.add(reply);
        }
        return replies;
    }

    /** A curl command that posts the recorded {@code workflow_run} delivery to the GitHub source, signed for now. */
    static String curl(URI ingress, Path fixtures, Clock clock) {
        Path file = fixtures.resolve(CURL_FIXTURE);
        try {
            byte[] body = Files.readAllBytes(file);
            return DevSource.GITHUB
                    .sign(
                            DevSecrets.load().sourceSecret(DevSource.GITHUB.slug()),
                            "workflow_run",
                            body,
                            clock.instant())
                    .curl(ingress, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
