package dev.opscenter.worker.notify.channel.email;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HtmlText derives the plain-text alternative of an HTML email: invisible parts dropped, paragraphs separated by a blank line, line breaks kept,
 * links as {@code text (url)}, tags removed, entities decoded, blank runs collapsed. Good enough for the simple
 * markup of notification templates; it is not an HTML renderer.
 */
final class HtmlText {
    private static final Pattern INVISIBLE =
            Pattern.compile("(?is)<(head|style|script|title)\\b.*?</\\1\\s*>|<!--.*?-->");
    private static final Pattern LINK =
            Pattern.compile("(?is)<a\\s[^>]*?href\\s*=\\s*([\"'])(.*?)\\1[^>]*>(.*?)</a\\s*>");
    private static final Pattern PARAGRAPH_END =
            Pattern.compile("(?i)<hr\\b[^>]*>|</(p|div|h[1-6]|table|ul|ol|blockquote|pre)\\s*>");
    private static final Pattern LINE_BREAK = Pattern.compile("(?i)<br\\s*/?>|</(li|tr)\\s*>");
    private static final Pattern LIST_ITEM = Pattern.compile("(?i)<li\\b[^>]*>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#\\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]+);");

    private HtmlText() {}

    static String plain(String html) {
        String s = INVISIBLE.matcher(html).replaceAll("");
        s = LINK.matcher(s).replaceAll(m -> {
            String url = m.group(2).trim();
            String text = TAG.matcher(m.group(3)).replaceAll("").trim();
            return Matcher.quoteReplacement(
                    text.isEmpty() || decode(text).equals(decode(url)) ? url : text + " (" + url + ")");
        });
        s = PARAGRAPH_END.matcher(s).replaceAll("\n\n");
        s = LINE_BREAK.matcher(s).replaceAll("\n");
        s = LIST_ITEM.matcher(s).replaceAll("- ");
        s = TAG.matcher(s).replaceAll("");
        s = decode(s);
        s = s.replaceAll("[ \\t\\x0B\\f\\r]+", " ").replaceAll(" *\n *", "\n").replaceAll("\n{3,}", "\n\n");
        return s.strip();
    }

    private static String decode(String text) {
        return ENTITY.matcher(text).replaceAll(m -> Matcher.quoteReplacement(entity(m.group(1), m.group())));
    }

    private static String entity(String name, String original) {
        if (name.startsWith("#")) {
            try {
                int cp = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X')
                        ? Integer.parseInt(name.substring(2), 16)
                        : Integer.parseInt(name.substring(1));
                return Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : original;
            } catch (NumberFormatException e) {
                return original;
            }
        }
        return switch (name) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "nbsp" -> " ";
            default -> original;
        };
    }
}
