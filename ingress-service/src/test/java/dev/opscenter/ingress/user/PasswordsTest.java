package dev.opscenter.ingress.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordsTest {
    private final Passwords passwords = new Passwords();

    @Test
    void aHashIsSaltedArgon2idThatVerifiesOnlyItsPassword() {
        String first = passwords.hash("correct horse battery");
        String second = passwords.hash("correct horse battery");
        assertTrue(first.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), first);
        assertNotEquals(first, second, "salted");
        assertTrue(passwords.matches("correct horse battery", first));
        assertTrue(passwords.matches("correct horse battery", second));
        assertFalse(passwords.matches("correct horse batterY", first));
    }

    @Test
    void anUnknownUserNeverMatches() {
        assertFalse(passwords.matches("a password nobody has, checked for unknown names", null));
    }

    @Test
    void weaknessBoundsTheLength() {
        assertEquals("at least 12 characters", Passwords.weakness("short"));
        assertEquals("at least 12 characters", Passwords.weakness(null));
        assertEquals("at most 256 characters", Passwords.weakness("x".repeat(257)));
        assertEquals("not only spaces", Passwords.weakness(" ".repeat(12)));
        assertNull(Passwords.weakness("twelve chars"));
    }
}
