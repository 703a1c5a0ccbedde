package dev.opscenter.common.notify;

import static dev.opscenter.common.notify.TestContexts.CHARGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.notify.TemplateRenderer.Escape;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplateRendererTest {

    private static String text(String template) {
        return TemplateRenderer.render(template, CHARGE, Escape.NONE).text();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{{alert.title}}: {{payload.currency}}    | Payment failed: usd",
                "{{   alert.severity   }}                 | error",
                "{{payload.items.1.sku}}                  | B-2",
                "{{ payload[\"a.b\"] }}                   | dotted",
                "{{payload.livemode}}                     | false",
                "no variables at all                      | no variables at all"
            })
    void substitutesVariables(String template, String expected) {
        assertEquals(expected, text(template));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(
            delimiter = '|',
            value = {"payload.amount | 1500", "payload.ratio  | 1", "payload.fee    | 19.5", "payload.price  | 19.99"})
    void rendersIntegralNumbersWithoutFraction(String path, String expected) {
        assertEquals(expected, text("{{" + path + "}}"));
    }

    @Test
    void rendersEveryNumberTypeAsPeopleWriteIt() {
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("d", 2.0d);
        numbers.put("f", 0.1f);
        numbers.put("l", 9_007_199_254_740_993L);
        numbers.put("bi", new BigInteger("123456789012345678901234567890"));
        numbers.put("bd", new BigDecimal("2.50"));
        numbers.put("e", 1e21);
        numbers.put("tiny", 1e-9);
        Map<String, Object> context = Map.of("n", numbers);
        String template = "{{n.d}} {{n.f}} {{n.l}} {{n.bi}} {{n.bd}} {{n.e}} {{n.tiny}}";
        assertEquals(
                "2 0.1 9007199254740993 123456789012345678901234567890 2.5 1E+21 1E-9",
                TemplateRenderer.render(template, context, Escape.NONE).text());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "payload.customer | {\"email\":\"a@example.com\",\"name\":\"Ann <admin>\"}",
                "payload.tags     | [\"vip\",\"eu\"]",
                "payload.items    | [{\"sku\":\"A-1\",\"qty\":2},{\"sku\":\"B-2\",\"qty\":1}]",
                "payload.codes    | [1,2,3]"
            })
    void rendersMapsAndListsAsCompactJson(String path, String expected) {
        assertEquals(expected, text("{{" + path + "}}"));
    }

    @Test
    void jsonEscapesQuotesAndControlCharacters() {
        Map<String, Object> context = Map.of("v", Map.of("s", "say \"hi\"\n\\\u0001"));
        assertEquals(
                "{\"s\":\"say \\\"hi\\\"\\n\\\\\\u0001\"}",
                TemplateRenderer.render("{{v}}", context, Escape.NONE).text());
    }

    @Test
    void controlCharactersInObjectsComeOutAsJsonThatReadsBack() {
        Map<String, Object> value =
                Map.of("s", "bell\u0001 line\n tab\t unit\u001f", "list", List.of("\r\b\f", "\"\\"));
        String json = TemplateRenderer.render("{{v}}", Map.of("v", value), Escape.NONE)
                .text();
        assertTrue(json.chars().noneMatch(c -> c < 0x20), json);
        assertEquals(value, TestContexts.read(json));
    }

    @Test
    void htmlEscapesSubstitutedValuesOnly() {
        Map<String, Object> context = Map.of("v", "<a href=\"x\">Tom & Jerry's</a>");
        assertEquals(
                "<p title=\"t\">&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;</p>",
                TemplateRenderer.render("<p title=\"t\">{{v}}</p>", context, Escape.HTML)
                        .text());
    }

    @Test
    void htmlEscapesValuesRenderedAsJson() {
        assertEquals(
                "{&quot;email&quot;:&quot;a@example.com&quot;,&quot;name&quot;:&quot;Ann &lt;admin&gt;&quot;}",
                TemplateRenderer.render("{{payload.customer}}", CHARGE, Escape.HTML)
                        .text());
    }

    @Test
    void noEscapeLeavesValuesAsTheyAre() {
        assertEquals("Ann <admin>", text("{{payload.customer.name}}"));
    }

    @Test
    void missingVariablesRenderEmptyAndAreReportedOnceInOrder() {
        Rendered rendered = TemplateRenderer.render(
                "[{{payload.nope}}|{{alert.title}}|{{ payload.note }}|{{payload.nope}}|{{alert.missing}}]",
                CHARGE,
                Escape.NONE);
        assertEquals("[|Payment failed|||]", rendered.text());
        assertEquals(List.of("payload.nope", "payload.note", "alert.missing"), rendered.missing());
    }

    @Test
    void invalidPathRendersEmptyAndIsReported() {
        Rendered rendered = TemplateRenderer.render("a{{ not a path }}b{{}}c", CHARGE, Escape.NONE);
        assertEquals("abc", rendered.text());
        assertEquals(List.of("not a path", ""), rendered.missing());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Hello {{ alert.title         | Hello {{ alert.title",
                "{{alert.severity}} and {{x   | error and {{x",
                "{{                           | {{",
                "closing only }} here         | closing only }} here",
                "{alert.title}                | {alert.title}"
            })
    void unterminatedBracesAreLiteralText(String template, String expected) {
        Rendered rendered = TemplateRenderer.render(template, CHARGE, Escape.NONE);
        assertEquals(expected, rendered.text());
        assertEquals(List.of(), rendered.missing());
    }

    @Test
    void tripleBracesAreNotARawMode() {
        assertEquals(
                "{Ann &lt;admin&gt;}",
                TemplateRenderer.render("{{{payload.customer.name}}}", CHARGE, Escape.HTML)
                        .text());
    }

    @Test
    void valueContainingBracesIsNotRenderedAgain() {
        Rendered rendered = TemplateRenderer.render("echo: {{payload.echo}}", CHARGE, Escape.NONE);
        assertEquals("echo: {{alert.title}}", rendered.text());
        assertEquals(List.of(), rendered.missing());
    }

    @Test
    void nullTemplateRendersEmpty() {
        assertEquals(new Rendered("", List.of()), TemplateRenderer.render(null, CHARGE, Escape.NONE));
    }

    @Test
    void nullContextReportsEveryVariableMissing() {
        Rendered rendered = TemplateRenderer.render("x{{alert.title}}", null, Escape.NONE);
        assertEquals(new Rendered("x", List.of("alert.title")), rendered);
    }

    @Test
    void renderingStopsAtTheLengthLimitAndMarksTheCut() {
        Map<String, Object> context = Map.of("payload", Map.of("big", "x".repeat(100_000)));
        Rendered rendered = TemplateRenderer.render("{{payload.big}}".repeat(1_000), context, Escape.HTML, 1_000);
        assertEquals(1_000, rendered.text().length());
        assertEquals(
                TemplateRenderer.TRUNCATED, rendered.text().substring(1_000 - TemplateRenderer.TRUNCATED.length()));
    }

    @Test
    void textWithinTheLimitIsNotMarked() {
        assertEquals(
                "usd!",
                TemplateRenderer.render("{{payload.currency}}!", CHARGE, Escape.NONE, 4)
                        .text());
        assertEquals(
                "u… [truncated]".length(),
                TemplateRenderer.render("{{payload.currency}}!".repeat(9), CHARGE, Escape.NONE, 14)
                        .text()
                        .length());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{{currency}}          | usd",
                "{{ customer.email }}  | a@example.com",
                "{{items.1.sku}}       | B-2",
                "{{[\"a.b\"]}}           | dotted",
                "{{amount}} {{payload.amount}} | 1500 1500"
            })
    void bareVariableIsReadUnderThePayload(String template, String expected) {
        assertEquals(expected, text(template));
    }

    @Test
    void rootsWinOverPayloadFieldsOfTheSameName() {
        Map<String, Object> context = TestContexts.map("""
                {"event": {"type": "order.created"},
                 "payload": {"event": "signup", "alert": {"title": "from the payload"}, "title": "Order"}}""");
        Rendered rendered = TemplateRenderer.render(
                "{{event.type}}|{{payload.event}}|{{alert.title}}|{{payload.alert.title}}|{{title}}",
                context,
                Escape.NONE);
        assertEquals("order.created|signup||from the payload|Order", rendered.text());
        assertEquals(
                List.of("alert.title"),
                rendered.missing(),
                "alert is a root even when the event raised none, so it never falls through to the payload");
    }

    @Test
    void missingBareVariableIsReportedAsWritten() {
        Rendered rendered =
                TemplateRenderer.render("{{nope}}|{{ customer.phone }}|{{payload.nope}}", CHARGE, Escape.NONE);
        assertEquals("||", rendered.text());
        assertEquals(List.of("nope", "customer.phone", "payload.nope"), rendered.missing());
    }
}
