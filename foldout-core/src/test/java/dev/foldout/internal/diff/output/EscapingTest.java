package dev.foldout.internal.diff.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.Identifiers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A diff file's texts: literals and header names read back exactly, identifiers stay on one line. */
class EscapingTest {

    @ParameterizedTest
    @ValueSource(strings = {"plain", "it's", "back\\slash", "two\nlines", "tab\there", "cr\rlf", "bell\u0007",
        "del\u007f", "'", "\\", "", "€ and 𝄞"})
    void aLiteralReadsBackAsItsText(String text) {
        String literal = SqlLiteral.of(text);
        assertThat(literal).doesNotContain("\n").doesNotContain("\r");
        assertThat(SqlLiteral.parse(literal)).isEqualTo(text);
        assertThat(StatementLexer.firstTerminator(literal + ";")).isEqualTo(literal.length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"app", "two\nlines", "back\\slash", "cr\rlf", "ctl\u0001x", "\\n literally"})
    void aHeaderNameReadsBackAsItIs(String name) {
        String escaped = HeaderText.escape(name);
        assertThat(escaped).doesNotContain("\n").doesNotContain("\r");
        assertThat(HeaderText.unescape(escaped)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"t", "with \"quote\"", "two\nlines", "back\\slash\nand line", "ctl\u0001"})
    void anIdentifierIsOneLineAndOneToken(String name) {
        String quoted = Identifiers.quote(name);
        assertThat(quoted).doesNotContain("\n").doesNotContain("\r");
        assertThat(StatementLexer.firstTerminator("DROP TABLE " + quoted + ";")).isEqualTo(("DROP TABLE " + quoted).length());
        if (name.chars().anyMatch(c -> c < 0x20)) {
            assertThat(quoted).startsWith("U&\"");
        } else {
            assertThat(quoted).isEqualTo('"' + name.replace("\"", "\"\"") + '"');
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"'unclosed", "E'bad \\q escape'", "'a' 'b'", "E'\\x4'"})
    void whatNoLiteralWriterMakesIsNotParsed(String literal) {
        assertThat(SqlLiteral.parse(literal)).isNull();
    }
}
