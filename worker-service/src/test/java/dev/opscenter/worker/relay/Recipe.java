package dev.opscenter.worker.relay;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Recipe is one receiver recipe of docs/relay.md kept as a program under docs/recipes/: the interpreter that runs it,
 * its file, and how the file marks the snippet the page shows.
 */
enum Recipe {
    NODE("node", "verify.mjs", "// docs/relay.md: begin", "// docs/relay.md: end"),
    PYTHON("python3", "verify.py", "# docs/relay.md: begin", "# docs/relay.md: end");

    final String interpreter;
    final String file;
    final String begin;
    final String end;

    Recipe(String interpreter, String file, String begin, String end) {
        this.interpreter = interpreter;
        this.file = file;
        this.begin = begin;
        this.end = end;
    }

    /** The recipe's file in this checkout. */
    Path path() {
        return repositoryRoot().resolve("docs/recipes").resolve(file);
    }

    /** The lines between the markers, as docs/relay.md must show them. */
    String snippet() throws java.io.IOException {
        String source = Files.readString(path());
        int from = source.indexOf(begin);
        int to = source.indexOf(end);
        if (from < 0 || to < from) {
            throw new AssertionError(path() + " must mark its snippet with '" + begin + "' and '" + end + "'");
        }
        return source.substring(from + begin.length(), to).strip();
    }

    /** The checkout's root: the nearest directory up from here holding docs/relay.md. */
    static Path repositoryRoot() {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("docs/relay.md"))) {
            root = root.getParent();
            if (root == null) {
                throw new AssertionError("no docs/relay.md above " + Path.of("").toAbsolutePath());
            }
        }
        return root;
    }
}
