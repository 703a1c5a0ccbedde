package dev.opscenter.common.net;

import java.util.regex.Pattern;

/** HeaderSyntax says which custom outbound header names and values are safe to send: no line break can start a new header. */
public final class HeaderSyntax {
    /** An HTTP token (RFC 9110). */
    private static final Pattern NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");
    /** Visible ASCII, spaces and tabs. */
    private static final Pattern VALUE = Pattern.compile("[\\x20-\\x7E\\t]{0,4096}");

    private HeaderSyntax() {}

    /** Whether the text is a valid header name. */
    public static boolean validName(String name) {
        return NAME.matcher(name).matches();
    }

    /** Whether the text is a valid header value. */
    public static boolean validValue(String value) {
        return VALUE.matcher(value).matches();
    }
}
