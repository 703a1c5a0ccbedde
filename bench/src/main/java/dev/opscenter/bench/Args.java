package dev.opscenter.bench;

import java.util.HashMap;
import java.util.Map;

/** Args reads {@code --name value} pairs over defaults; unknown names are errors so a typo is not silently ignored. */
public final class Args {
    private Args() {}

    /** The defaults with the given pairs over them; on a bad argument prints why and the usage, and exits 64. */
    public static Map<String, String> parseOrExit(String[] args, Map<String, String> defaults, String usage) {
        try {
            return parse(args, defaults);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(usage);
            System.exit(64);
            throw e; // not reached
        }
    }

    /** The defaults with the given pairs over them. */
    public static Map<String, String> parse(String[] args, Map<String, String> defaults) {
        Map<String, String> given = new HashMap<>(defaults);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || !given.containsKey(arg.substring(2))) {
                throw new IllegalArgumentException("unknown argument: " + arg);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + arg);
            }
            given.put(arg.substring(2), args[++i]);
        }
        return given;
    }
}
