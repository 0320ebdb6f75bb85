package dev.foldout.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.Diff;
import org.junit.jupiter.api.Test;

/** Values of every shape, keys and sequences, foreign keys and triggers, schema changes that the rows follow. */
class ValuesDiffIT {

    @Test
    void typesOfEveryKind() {
        DiffScenario.run("create extension citext; create type mood as enum ('sad', 'ok');"
                        + "create domain positive as int check (value > 0);"
                        + "create table v(id int primary key, m mood, p positive, a text[], j jsonb, b bytea, n numeric(20,5),"
                        + " ts timestamptz, r int4range, c citext, f float8, x xml, iv interval);"
                        + "insert into v values (1, 'ok', 1, '{a,b}', '{}', '\\x00', 1.5, now(), '[1,5)', 'Hi', 0.1, '<a/>', '1 day');",
                "set timezone = 'Pacific/Auckland';"
                        + "update v set m = 'sad', p = 7, a = '{\"quo\\\"te\",NULL,\"com,ma\"}', j = '{\"a\": [1, null]}', b = '\\xdeadbeef',"
                        + " n = 123456789012345.12345, ts = '2024-02-29 12:34:56.789+13', r = '(,10]', c = 'HELLO', f = 1e-300,"
                        + " x = '<b>t</b>', iv = '-1 mon 3 days 00:00:01.5' where id = 1;"
                        + "insert into v values (2, null, null, '{}', 'null', '', -0.00001, '-infinity', 'empty', '', 'NaN', null, null);");
    }

    @Test
    void mixedCaseAndQuotedNames() {
        DiffScenario.run("create schema \"My Schema\"; create table \"My Schema\".\"We\"\"ird Table\"(\"Id\" int primary key, \"the value\" text);"
                        + "insert into \"My Schema\".\"We\"\"ird Table\" values (1, 'a');",
                "update \"My Schema\".\"We\"\"ird Table\" set \"the value\" = 'b' where \"Id\" = 1;"
                        + "insert into \"My Schema\".\"We\"\"ird Table\" values (2, 'c');");
    }

    @Test
    void columnsNamedLikeTheDiffsOwnAliases() {
        DiffScenario.run("create table x(k0 int, h text, g text, c0 int, ctid_ text, primary key (k0, c0));"
                        + "create table y(k0 text, h int); insert into x values (1, 'a', 'b', 1, 'c'); insert into y values ('q', 1);",
                "update x set h = 'z' where k0 = 1; insert into x values (2, 'h', 'g', 2, null); insert into y values ('r', 2);");
    }

    @Test
    void identityAndSerialColumnsWithSequencesAdvanced() {
        Diff diff = DiffScenario.run("create table i(id int generated always as identity primary key, s serial, v text);"
                        + "insert into i(v) values ('a'), ('b');",
                "insert into i(v) select 'n' || g from generate_series(1, 10) g; delete from i where v = 'a';");
        assertThat(diff.toSql()).contains("OVERRIDING SYSTEM VALUE").contains("setval");
    }

    @Test
    void generatedColumnsAreNeverWritten() {
        Diff diff = DiffScenario.run("create table g(id int primary key, a int, twice int generated always as (a * 2) stored);"
                + "insert into g(id, a) values (1, 1);", "update g set a = 5 where id = 1; insert into g(id, a) values (2, 3);");
        assertThat(diff.toSql()).doesNotContain("\"twice\"");
    }

    @Test
    void foreignKeyChainsWithCascades() {
        DiffScenario.run("create table a(id int primary key); create table b(id int primary key, a int references a on delete cascade);"
                        + "create table c(id int primary key, b int references b on delete cascade on update cascade);"
                        + "insert into a select g from generate_series(1, 10) g; insert into b select g, g from generate_series(1, 10) g;"
                        + "insert into c select g, g from generate_series(1, 10) g;",
                "delete from a where id = 3; update b set id = 100 where id = 4; insert into a values (11);"
                        + "insert into b values (11, 11); insert into c values (11, 11);");
    }

    @Test
    void userTriggersOfTheParentDoNotFireTwice() {
        DiffScenario.run("create table t(id int primary key, v text); create table audit(n int);"
                        + "create function log_it() returns trigger language plpgsql as $$ begin insert into audit values (new.id); "
                        + "return new; end $$; create trigger t_audit after insert on t for each row execute function log_it();",
                "insert into t values (1, 'a'), (2, 'b');");
    }

    @Test
    void columnAddedWithVolatileDefaultAndRenamedColumn() {
        DiffScenario.run("create table t(id int primary key, old_name text); insert into t select g, 'x' from generate_series(1, 100) g;",
                "alter table t add column r float8 default random(); alter table t rename column old_name to new_name;"
                        + "update t set new_name = 'y' where id = 1;");
    }
}
