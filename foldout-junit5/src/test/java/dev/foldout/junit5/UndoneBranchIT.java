package dev.foldout.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import dev.foldout.testing.TestPostgres;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A used branch is undone in place and handed to the next test instead of a new copy, and no test sees another's
 * data: every test writes the same key, takes sequence values, updates and deletes; some change the schema or write
 * many rows (those branches are replaced by new copies). The pool had fewer branches than tests, so branches were
 * handed out again.
 */
class UndoneBranchIT {
    static final Set<String> BRANCHES = ConcurrentHashMap.newKeySet();

    @Test
    void everyTestStartsFromTheSeedAndBranchesAreUsedAgain() {
        BRANCHES.clear();
        System.setProperty("foldout.junit.undoRows", "10000");
        try {
            var results = Kit.run(SameKeyEveryTime.class);
            assertThat(results.allEvents().failed().list()).as("failures").extracting(e -> e.getTestDescriptor()
                    .getDisplayName() + ": " + e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                    .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).map(Throwable::toString)
                    .orElse("?")).isEmpty();
            results.testEvents().assertStatistics(s -> s.started(25).succeeded(25));
        } finally {
            System.clearProperty("foldout.junit.undoRows");
        }
        assertThat(BRANCHES).as("branches handed out again after being undone (pool of 2, 25 tests)").hasSizeLessThan(20);
        assertThat(Kit.databases("fld_t_")).as("all dropped at the end").isEmpty();
    }

    @Test
    void anOrdinaryRoleGetsANewCopyForEachTestInstead() {
        // undoing in place turns triggers off, which only a superuser may: the pool falls back to copies, and says so
        TestPostgres.exec("postgres", "create role " + ORDINARY + " login password 'pw' createdb");
        // Foldout's catalog is made by a superuser once; an ordinary role uses it from then on
        dev.foldout.Foldout.connect(dev.foldout.FoldoutConfig.builder().url(TestPostgres.url("postgres")).build()).close();
        try {
            var results = Kit.run(OrdinaryRole.class);
            assertThat(results.allEvents().failed().list()).as("failures").isEmpty();
            results.testEvents().assertStatistics(s -> s.started(6).succeeded(6));
        } finally {
            for (String db : Kit.databases("fld_")) {
                if (TestPostgres.query("postgres", "select pg_get_userbyid(datdba) from pg_database where datname = '" + db
                        + "'").equals(ORDINARY)) {
                    TestPostgres.exec("postgres", "drop database " + db + " with (force)");
                }
            }
            TestPostgres.exec("postgres", "drop owned by " + ORDINARY, "drop role " + ORDINARY);
        }
        assertThat(Kit.databases("fld_t_")).as("all dropped at the end").isEmpty();
    }

    static final String ORDINARY = TestPostgres.uniqueName("fld_ordinary");

    static class OrdinaryRole {
        @RegisterExtension
        // a seed of its own (the seeder's class and version are in its key): another class's seed is the superuser's
        static FoldoutExtension db = FoldoutExtension.builder().url(TestPostgres.url("postgres").jdbcUrl() + "?user="
                + ORDINARY + "&password=pw").seedScripts("db/schema.sql").seed("ordinary role v1", ds -> { }).build();

        @RepeatedTest(6)
        void writesTheSameKey(Connection c) throws SQLException {
            assertThat(Kit.query(c, "select count(*) from item where id = 5000")).isEqualTo("0");
            try (var st = c.createStatement()) {
                st.execute("insert into item values (5000, 'mine')");
            }
        }
    }

    static class SameKeyEveryTime {
        @RegisterExtension
        static FoldoutExtension db = FoldoutExtension.builder().url(Kit.url()).seedScripts("db/schema.sql", "db/probe.sql")
                .poolSize(2).build();

        @RepeatedTest(20)
        void writesTheSameKeyAndSequence(Connection c) throws SQLException {
            startsFromTheSeed(c);
            try (var st = c.createStatement()) {
                st.execute("insert into item values (5000, 'mine')");
                st.execute("update item set name = 'changed' where id <= 10");
                st.execute("delete from item where id between 50 and 60");
                st.execute("select nextval('probe_seq')");
            }
        }

        @Test
        void changesTheSchema(Connection c) throws SQLException {
            startsFromTheSeed(c);
            try (var st = c.createStatement()) {
                st.execute("create table made_here(x int)");
                st.execute("alter table item add column extra int default 1");
            }
        }

        @Test
        void writesManyRows(Connection c) throws SQLException {
            startsFromTheSeed(c);
            try (var st = c.createStatement()) {
                st.execute("insert into item select g, 'bulk' from generate_series(100000, 130000) g");
            }
        }

        @Test
        void setsSomethingOnTheDatabase(Connection c) throws SQLException {
            startsFromTheSeed(c);
            try (var st = c.createStatement()) {
                st.execute("select set_config('x.y', '1', false)"); // a session setting: gone with the session
                st.execute("do $$ begin execute format('alter database %I set work_mem = ''9MB''', current_database()); end $$");
            }
        }

        @Test
        void leavesItsSessionBehind(Connection c) throws SQLException {
            startsFromTheSeed(c);
            // the pool keeps the test's connection for the next test: nothing of this session may reach it
            try (var st = c.createStatement()) {
                st.execute("select set_config('x.y', '1', false), pg_advisory_lock(42)");
                st.execute("prepare leftover as select 1");
                st.execute("set search_path = nowhere");
            }
            c.setAutoCommit(false);
            try (var st = c.createStatement()) {
                st.execute("insert into public.item values (5001, 'left in an open transaction')");
            }
        }

        @Test
        void takesTheSequence(Connection c) throws SQLException {
            startsFromTheSeed(c);
            try (var st = c.createStatement()) {
                st.execute("select setval('probe_seq', 777)");
            }
        }

        private static void startsFromTheSeed(Connection c) throws SQLException {
            BRANCHES.add(Kit.query(c, "select current_database()"));
            assertThat(Kit.query(c, "select count(*) from item")).isEqualTo("101");
            assertThat(Kit.query(c, "select count(*) from item where name = 'changed' or id = 5000")).isEqualTo("0");
            assertThat(Kit.query(c, "select count(*) from information_schema.columns where column_name = 'extra'"))
                    .isEqualTo("0");
            assertThat(Kit.query(c, "select to_regclass('made_here') is null")).isEqualTo("t");
            assertThat(Kit.query(c, "select nextval('probe_seq')")).as("the sequence as the seed has it").isEqualTo("1");
            assertThat(Kit.query(c, "select count(*) from pg_db_role_setting s join pg_database d on d.oid = s.setdatabase "
                    + "where d.datname = current_database()")).isEqualTo("0");
            assertThat(Kit.query(c, "select coalesce(current_setting('x.y', true), '') || '|' || current_setting('search_path') "
                    + "|| '|' || (select count(*) from pg_locks where locktype = 'advisory' and database = "
                    + "(select oid from pg_database where datname = current_database())) || '|' || (select count(*) "
                    + "from pg_prepared_statements where name = 'leftover') || '|' || (select count(*) from item "
                    + "where id = 5001)")).as("the last test's session").isEqualTo("|\"$user\", public|0|0|0");
            assertThat(c.getAutoCommit()).isTrue();
            try (var st = c.createStatement()) {
                st.execute("select setval('probe_seq', 1, false)"); // as it was: the test's own nextval starts from 1
            }
        }
    }
}
