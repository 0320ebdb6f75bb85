package dev.foldout.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldout.junit5.internal.SqlScript;
import dev.foldout.junit5.internal.SqlScript.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

    @Test
    void splitsAtSemicolonsAndKeepsEachStatementsFirstLine() {
        List<Statement> s = SqlScript.split("a.sql", "create table t(id int);\n\n  insert into t values (1);\nselect 1");
        assertThat(s).containsExactly(new Statement("create table t(id int)", 1), new Statement("insert into t values (1)", 3),
                new Statement("select 1", 4));
    }

    @Test
    void semicolonsInStringsIdentifiersAndCommentsDoNotSplit() {
        String sql = "-- a; comment\ninsert into \"we;ird\" values ('a;b', 'it''s; fine', E'x\\';y');\n"
                + "/* one; /* nested; */ still; */ select 2;";
        List<Statement> s = SqlScript.split("b.sql", sql);
        assertThat(s).extracting(Statement::sql).containsExactly(
                "insert into \"we;ird\" values ('a;b', 'it''s; fine', E'x\\';y')", "select 2");
        assertThat(s).extracting(Statement::line).containsExactly(2, 3);
    }

    @Test
    void dollarQuotedBodiesStayWholeAndParametersAreNotQuotes() {
        String sql = "create function f() returns int language plpgsql as $fn$\nbegin\n  return 1; -- $$ inside\nend;\n$fn$;\n"
                + "do $$ begin perform 1; end $$;\nprepare p as select $1::int; ";
        List<Statement> s = SqlScript.split("c.sql", sql);
        assertThat(s).hasSize(3);
        assertThat(s.get(0).sql()).endsWith("end;\n$fn$").contains("return 1;");
        assertThat(s.get(1)).isEqualTo(new Statement("do $$ begin perform 1; end $$", 6));
        assertThat(s.get(2)).isEqualTo(new Statement("prepare p as select $1::int", 7));
    }

    @Test
    void commentsAndBlanksAloneMakeNoStatement() {
        assertThat(SqlScript.split("d.sql", "-- nothing\n/* at all */ ;\n ;;\n")).isEmpty();
    }

    @Test
    void anUnterminatedQuoteNamesTheScriptAndItsLine() {
        assertThatThrownBy(() -> SqlScript.split("db/e.sql", "select 1;\nselect 'oops;\nselect 3;"))
                .hasMessageContaining("db/e.sql line 2").hasMessageContaining("unterminated string");
        assertThatThrownBy(() -> SqlScript.split("db/f.sql", "select 1;\n\ndo $body$ begin end;"))
                .hasMessageContaining("db/f.sql line 3").hasMessageContaining("$body$");
    }
}
