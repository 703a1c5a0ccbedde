package dev.opscenter.ingress.trigger;

import com.google.re2j.Pattern;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;

/**
 * Re2jRegularExpressions gives JSON Schema {@code pattern}, {@code patternProperties} and {@code format: regex} the
 * RE2/J engine: matching time is linear in the text, so a pattern like {@code a*a*a*a*a*a*b} cannot pin a request
 * thread (java.util.regex and Joni both backtrack). Strings longer than maxInputChars fail every pattern unread.
 * Patterns RE2 cannot express (lookaround, backreferences) throw when compiled, which refuses the schema when saved.
 */
record Re2jRegularExpressions(int maxInputChars) implements RegularExpressionFactory {

    @Override
    public RegularExpression getRegularExpression(String regex) {
        Pattern pattern = Pattern.compile(regex);
        // JSON Schema patterns are unanchored (ECMA-262 search), hence find()
        return value ->
                value.length() <= maxInputChars && pattern.matcher(value).find();
    }
}
