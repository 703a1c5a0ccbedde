package dev.opscenter.ingress.user;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import jakarta.inject.Singleton;

/**
 * Passwords hashes with Argon2id (19 MiB, 2 passes, 1 lane: OWASP's minimum for Argon2id) into a PHC string that names
 * its own parameters, so stronger settings later still verify old hashes. A name that matches no user is checked
 * against a fixed hash all the same, so the answer's time does not say whether the user exists.
 */
@Singleton
public final class Passwords {
    /** Shortest password accepted. */
    public static final int MIN_LENGTH = 12;
    /** Longest password accepted: bounds the work a sign-in attempt costs. */
    public static final int MAX_LENGTH = 256;

    private static final Argon2Function ARGON2 = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID, 19);

    private final String decoy = hash("a password nobody has, checked for unknown names");

    /** The PHC string of a new salted hash. */
    public String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
    }

    /** Whether the password matches the stored hash; with no hash (unknown user) checks the decoy and says no. */
    public boolean matches(String password, String storedHash) {
        if (storedHash == null) {
            Password.check(password, decoy).with(ARGON2);
            return false;
        }
        return Password.check(password, storedHash).with(Argon2Function.getInstanceFromHash(storedHash));
    }

    /** Why the password cannot be used, or null when it can. */
    public static String weakness(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return "at least " + MIN_LENGTH + " characters";
        }
        if (password.length() > MAX_LENGTH) {
            return "at most " + MAX_LENGTH + " characters";
        }
        if (password.isBlank()) {
            return "not only spaces";
        }
        return null;
    }
}
