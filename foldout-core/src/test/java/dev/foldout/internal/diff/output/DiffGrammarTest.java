package dev.foldout.internal.diff.output;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a diff file's statement lines may be, without a server. */
class DiffGrammarTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "ALTER TABLE \"public\".\"t\" ADD COLUMN \"note\" text DEFAULT 'n; not an end'::text;",
        "CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS $$ select 1; $$;",
        "COMMENT ON TABLE \"t\" IS E'it''s; a \\\\; comment';",
        "GRANT SELECT ON TABLE \"t\" TO \"reader\";",
        "SELECT pg_catalog.setval('\"public\".\"s\"'::regclass, 42, true);",
        "SET LOCAL check_function_bodies = false;",
        "DROP TABLE IF EXISTS \"a\"\"; COMMIT; --\";",
        "CREATE VIEW v AS SELECT 1 /* a ; comment /* nested; */ still */ AS x;"})
    void schemaStatementsADiffWritesAreAccepted(String statement) {
        assertThat(DiffGrammar.problem(statement, false)).as(statement).isEmpty();
    }

    @Test
    void aMultiLineStatementRunThroughDoIsCheckedInside() {
        String wrapped = SqlLiteral.oneLine("CREATE FUNCTION f() RETURNS int\nLANGUAGE sql AS $$ select 1 $$;");
        assertThat(wrapped).startsWith("DO $fld$ BEGIN EXECUTE E'");
        assertThat(DiffGrammar.problem(wrapped, false)).isEmpty();
        assertThat(DiffGrammar.problem(SqlLiteral.oneLine("COMMIT\n;"), false)).isPresent();
        assertThat(DiffGrammar.problem(SqlLiteral.oneLine("CREATE TABLE a(x int);\nCOMMIT;"), false))
                .hasValueSatisfying(why -> assertThat(why).contains("more than one statement"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "COMMIT;", "commit;", "END;", "ROLLBACK;", "BEGIN;", "SAVEPOINT s;", "PREPARE TRANSACTION 'x';",
        "SET session_replication_role = origin;", "RESET ALL;", "ALTER SYSTEM SET fsync = off;",
        "CREATE ROLE r;", "ALTER ROLE r SUPERUSER;", "DROP DATABASE d;", "CREATE TABLESPACE x LOCATION '/';",
        "GRANT pg_read_server_files TO PUBLIC;", "DO $$ BEGIN PERFORM 1; END $$;", "COPY t FROM PROGRAM 'id';",
        "SELECT pg_sleep(1);", "CREATE TABLE a(x int); COMMIT;", " CREATE TABLE a(x int);",
        "CREATE TABLE a(x text default 'unclosed);", "CREATE TABLE a(x int); /* unclosed"})
    void anythingElseIsRefused(String statement) {
        assertThat(DiffGrammar.problem(statement, false)).as(statement).isPresent();
    }

    @Test
    void betweenTheRowLinesOnlyRowStatements() {
        assertThat(DiffGrammar.problem("INSERT INTO \"t\" (\"id\") VALUES ('1');", true)).isEmpty();
        assertThat(DiffGrammar.problem("UPDATE ONLY \"t\" SET \"v\" = 'a;b' WHERE \"id\" = '1';", true)).isEmpty();
        assertThat(DiffGrammar.problem("DELETE FROM ONLY \"t\" WHERE \"id\" = '1';", true)).isEmpty();
        assertThat(DiffGrammar.problem("CREATE TABLE x(a int);", true)).isPresent();
        assertThat(DiffGrammar.problem("TRUNCATE \"t\";", true)).isPresent();
        assertThat(DiffGrammar.problem("DELETE FROM ONLY \"t\"; COMMIT;", true)).isPresent();
    }
}
