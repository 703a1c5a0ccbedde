package dev.opscenter.common.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;

/**
 * LiveTickets is the contract between ingress, which issues a ticket to a signed-in page, and realtime, which admits
 * one socket per ticket. A ticket is 32 random bytes (base64url); Redis keeps only its SHA-256 under
 * {@link dev.opscenter.common.redis.RedisKeys#liveTicket(String)} for {@link #TTL}, valued with {@link #value}: the
 * role and the user's name, for realtime's logs and its audience.
 */
public final class LiveTickets {
    /** How long a ticket waits for its socket; the page asks for one right before it connects. */
    public static final Duration TTL = Duration.ofSeconds(30);

    /** Longest ticket the handshake reads; a real one is 43 characters. */
    public static final int MAX_LENGTH = 64;

    private static final SecureRandom RANDOM = new SecureRandom();

    private LiveTickets() {}

    /** A new random ticket. */
    public static String newTicket() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Lowercase hex SHA-256 of the ticket, the part of its key that identifies it. */
    public static String hash(String ticket) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(ticket.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The stored value: {@code <role> <name>} (a role has no space; a name may). */
    public static String value(String role, String name) {
        return role + " " + name;
    }

    /** The name in a stored value. */
    public static String nameOf(String value) {
        int space = value.indexOf(' ');
        return space < 0 ? value : value.substring(space + 1);
    }
}
