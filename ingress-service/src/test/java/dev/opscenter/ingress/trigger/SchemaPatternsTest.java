package dev.opscenter.ingress.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which regular expressions count as nested quantifiers. */
class SchemaPatternsTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(
            delimiterString = " => ",
            value = {
                "(a+)+ => true",
                "^(a|aa)*$ => false",
                "(a*)* => true",
                "(x+x+)+y => true",
                "((a+)?)* => true",
                "(a{2,})* => true",
                "(\\d{3})+ => false",
                "(a+)? => false",
                "(a+){1} => false",
                "a*a*a*a*a*a*b => false",
                "[(a+)]+ => false",
                "\\(a+\\)+ => false",
                "^[a-z]+(-[a-z]+)*$ => true",
                "^(ab)*$ => false"
            })
    void detectsNestedQuantifiers(String regex, boolean nested) {
        assertEquals(nested, SchemaPatterns.hasNestedQuantifier(regex));
    }
}
