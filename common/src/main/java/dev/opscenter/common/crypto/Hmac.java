package dev.opscenter.common.crypto;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC algorithms a webhook signature may use; each computes a MAC over byte parts. */
public enum Hmac {
    SHA256("HmacSHA256"),
    SHA512("HmacSHA512"),
    /** Legacy providers only; kept because some still sign this way. */
    MD5("HmacMD5");

    private final String jcaName;

    /**
     * One {@link Mac} per thread: {@code Mac.getInstance} looks the provider up on every call (3.5 % of the ingress's
     * CPU samples at 500 webhooks/s), while {@code init} with the next key and {@code doFinal} make an instance
     * reusable. The threads that verify are pooled, so each keeps one instance per algorithm.
     */
    private final ThreadLocal<Mac> perThread = ThreadLocal.withInitial(this::newMac);

    Hmac(String jcaName) {
        this.jcaName = jcaName;
    }

    /** Computes the MAC of the concatenated parts under the key. */
    public byte[] mac(byte[] key, byte[]... parts) {
        Mac mac = perThread.get();
        try {
            mac.init(new SecretKeySpec(key, jcaName));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("HMAC " + jcaName + " refused its key", e);
        }
        for (byte[] part : parts) {
            mac.update(part);
        }
        return mac.doFinal();
    }

    private Mac newMac() {
        try {
            return Mac.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("HMAC " + jcaName + " unavailable", e);
        }
    }

    /** Lower-case hex of the MAC. */
    public String hex(byte[] key, byte[]... parts) {
        return HexFormat.of().formatHex(mac(key, parts));
    }

    /** Compares two byte strings in time independent of where they differ. */
    public static boolean constantTimeEquals(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    /** Parses a name such as {@code sha256} or {@code SHA-512}. */
    public static Hmac parse(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT).replace("-", "")) {
            case "sha256" -> SHA256;
            case "sha512" -> SHA512;
            case "md5" -> MD5;
            default -> throw new IllegalArgumentException("unsupported HMAC algorithm: " + name);
        };
    }
}
