package dev.foldout.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.Diff;
import dev.foldout.TableDiff;
import dev.foldout.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/** Relations whose files the locators cannot trust, and partitioned tables: compared in full, never skipped. */
class RewriteDiffIT {
    private static final String TABLE = "create table t(id int primary key, v text);"
            + "insert into t select g, 'row ' || g from generate_series(1, 2000) g;";

    private static TableDiff table(Diff diff, String name) {
        return diff.tables().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void truncateThenInsert() {
        Diff diff = DiffScenario.run(TABLE, "truncate t; insert into t values (1, 'again'), (3000, 'new');");
        assertThat(table(diff, "t").locator()).startsWith("full-compare: rewritten");
        assertThat(table(diff, "t").deletes()).isEqualTo(1999);
    }

    @Test
    void vacuumFull() {
        Diff diff = DiffScenario.run(TABLE, dev.foldout.Locator.AUTO, "delete from t where id % 2 = 0", "vacuum full t",
                "update t set v = 'x' where id = 1");
        assertThat(table(diff, "t").locator()).startsWith("full-compare: rewritten");
        assertThat(table(diff, "t").deletes()).isEqualTo(1000);
    }

    @Test
    void alterTypeRewrite() {
        DiffScenario.run(TABLE, "alter table t alter column id type bigint; insert into t values (5000000000, 'big');");
    }

    @Test
    void unloggedTable() {
        Diff diff = DiffScenario.run("create unlogged table u(id int primary key, v text); insert into u values (1, 'a'), (2, 'b');",
                "update u set v = 'changed' where id = 2; insert into u values (3, 'c');");
        assertThat(table(diff, "u").locator()).isEqualTo("full-compare: unlogged");
    }

    @Test
    void partitionedTableWithRowsMovingBetweenPartitions() {
        Diff diff = DiffScenario.run("create table p(id int, region text, v int, primary key (id, region)) partition by list (region);"
                        + "create table p_eu partition of p for values in ('eu'); create table p_us partition of p for values in ('us');"
                        + "insert into p select g, case when g % 2 = 0 then 'eu' else 'us' end, g from generate_series(1, 1000) g;",
                "update p set region = 'us' where id = 10; update p set v = -1 where id = 11; delete from p where id = 12;");
        TableDiff p = table(diff, "p");
        assertThat(p.locator()).isIn("wal-summaries", "pagescan");
        assertThat(p.updates() + p.inserts() + p.deletes()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void customTablespace() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("foldout-ts-");
        dev.foldout.server.OsAccount.forServer().takeOwnership(dir);
        String ts = TestPostgres.uniqueName("ts");
        TestPostgres.exec("postgres", "create tablespace " + ts + " location '" + dir + "'");
        try {
            DiffScenario.run("create table s(id int primary key, v text) tablespace " + ts + ";"
                    + "insert into s select g, 'x' from generate_series(1, 500) g;", "update s set v = 'y' where id < 5;");
        } finally {
            TestPostgres.exec("postgres", "drop tablespace if exists " + ts);
        }
    }
}
