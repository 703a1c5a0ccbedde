package dev.opscenter.worker.notify.channel.email;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HtmlTextTest {

    @ParameterizedTest
    @CsvSource(
            delimiterString = "=>",
            quoteCharacter = '`',
            value = {
                "plain text => plain text",
                "<p>one</p><p>two</p> => one\\n\\ntwo",
                "line<br>break<br/>again => line\\nbreak\\nagain",
                "<b>bold</b> &amp; <i>italic</i> => bold & italic",
                "&lt;script&gt; &quot;q&quot; &#39;s&#39; &#x1F600; => <script> \"q\" 's' 😀",
                "<a href='https://x.test/a?b=1&amp;c=2'>Open</a> => Open (https://x.test/a?b=1&c=2)",
                "<a href=\"https://x.test\">https://x.test</a> => https://x.test",
                "<ul><li>a</li><li>b</li></ul> => - a\\n- b",
                "<html><head><title>T</title><style>p{color:red}</style></head><body><p>hi</p></body></html> => hi",
                "<!-- hidden --><p>  spaced    out  </p> => spaced out",
                "&unknown; stays => &unknown; stays"
            })
    void stripsMarkup(String html, String text) {
        assertEquals(text.replace("\\n", "\n"), HtmlText.plain(html.replace("\\n", "\n")));
    }
}
