package dev.opscenter.worker.relay;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docs/relay.md shows the receiver code the relay tests verify every request with, character for character. */
class RelayDocTest {
    private static final String BEGIN = "// docs/relay.md: begin";
    private static final String END = "// docs/relay.md: end";

    @Test
    void receiverSnippetInTheDocsIsTheTestedOne() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("docs/relay.md"))) {
            root = root.getParent();
        }
        String source = Files.readString(
                root.resolve("worker-service/src/test/java/dev/opscenter/worker/relay/ReceiverExample.java"));
        List<String> lines = Arrays.asList(source.substring(source.indexOf(BEGIN) + BEGIN.length(), source.indexOf(END))
                .split("\n"));
        String snippet = lines.stream()
                .map(line -> line.startsWith("    ") ? line.substring(4) : line)
                .collect(Collectors.joining("\n"))
                .strip();
        String doc = Files.readString(root.resolve("docs/relay.md"));
        assertTrue(doc.contains(snippet), "docs/relay.md must show ReceiverExample's code as it is:\n" + snippet);
    }
}
