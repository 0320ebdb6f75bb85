package dev.foldout.internal.rewind;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.CopyOptions;
import dev.foldout.FoldoutConfig;
import dev.foldout.RefKind;
import dev.foldout.diff.Contents;
import dev.foldout.internal.Session;
import dev.foldout.internal.catalog.RefStore;
import dev.foldout.internal.ops.CopyOperation;
import dev.foldout.testing.EnabledOnPostgres;
import dev.foldout.testing.TestFoldout;
import dev.foldout.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A branch rewound in place, round after round of random writes: after each rewind it holds exactly its parent's
 * rows - in tables with and without keys, with TOAST values, identity and generated columns, partitions, cascading
 * keys and triggers - and its parent's sequence positions. Rows copied back by one rewind are deleted and updated by
 * the next round, so the bookkeeping of where each copy landed is what the later rounds test. What a rewind must not
 * undo in place (the schema, a TRUNCATE, too many rows) changes nothing.
 */
@EnabledOnPostgres(min = 16, reason = "pg_walinspect's pg_get_wal_block_info comes with 16")
class RewindIT {
    private static final String SEED = """
            create type mood as enum ('sad', 'ok', 'happy');
            create table parent_t(id int primary key, v text, big text, m mood, at timestamptz, n numeric(12,3), f float8,
                tags text[], doc jsonb, raw bytea, twice int generated always as (id * 2) stored);
            create table child_t(id bigint generated always as identity primary key,
                parent_id int references parent_t on delete cascade, note text);
            create table nokey(v text);
            create table audit(id bigserial primary key, what text);
            create function audit_parent() returns trigger language plpgsql as
                $$ begin insert into audit(what) values (tg_op); return null; end $$;
            create trigger parent_audit after insert or update or delete on parent_t for each row execute function audit_parent();
            create table parts(id int, region text, v int) partition by list (region);
            create table parts_eu partition of parts for values in ('eu');
            create table parts_us partition of parts for values in ('us');
            insert into parent_t(id, v, big, m, at, n, f, tags, doc, raw)
                select g, 'p' || g, case when g % 50 = 0 then repeat(md5(g::text), 400) end, (array['sad','ok','happy'])[g % 3 + 1]::mood,
                       timestamptz '2026-01-01 00:00:00+00' + g * interval '1 minute', g / 7.0, g * 0.1, array['a' || g, null],
                       jsonb_build_object('k', g), decode(md5(g::text), 'hex')
                from generate_series(1, 3000) g;
            insert into child_t(parent_id, note) select g % 3000 + 1, 'c' || g from generate_series(1, 2000) g;
            insert into nokey select 'v' || (g % 5) from generate_series(1, 200) g;
            insert into parts select g, case when g % 2 = 0 then 'eu' else 'us' end, g from generate_series(1, 500) g;
            """;
    /**
     * Autovacuum's ANALYZE writes statistics into the catalog, which the rewind counts as a change it does not undo:
     * these rounds are about rows, so it stays off them (the statistics case is a test of its own).
     */
    private static final String NO_AUTOVACUUM = "alter table parent_t set (autovacuum_enabled = false);"
            + "alter table child_t set (autovacuum_enabled = false); alter table nokey set (autovacuum_enabled = false);"
            + "alter table audit set (autovacuum_enabled = false); alter table parts_eu set (autovacuum_enabled = false);"
            + "alter table parts_us set (autovacuum_enabled = false);";

    @Test
    void roundsOfRandomWritesAreEachUndoneExactly() throws SQLException {
        String seed = seeded();
        TestPostgres.exec(seed, NO_AUTOVACUUM);
        String branch = TestPostgres.uniqueName("rwb");
        try (Session s = session(seed)) {
            CopyOperation.run(s, RefKind.BRANCH, seed, branch, CopyOptions.DEFAULTS.withBase(false));
            long seedValue = 17;
            Random random = new Random(seedValue);
            try (Connection kept = TestPostgres.connect(branch)) {
                for (int round = 0; round < 25; round++) {
                    // a harness keeps one session on the branch for its users and rewinds through it: the writes come
                    // through it (then DISCARD ALL) or through a session of their own
                    if (round % 2 == 0) {
                        writeRandomly(kept, random, round);
                        kept.createStatement().execute("discard all");
                    } else {
                        try (Connection c = TestPostgres.connect(branch)) {
                            writeRandomly(c, random, round);
                        }
                    }
                    assertThat(Rewind.run(s, target(s, branch), 100_000, kept)).as("round %d (random seed %d)", round,
                            seedValue).isEqualTo(Rewind.Outcome.DONE);
                    assertThat(kept.getAutoCommit()).isTrue();
                    // a closed session's backend leaves a moment after its client: wait for it, then none may be left
                    String onBranch = "select count(*) from pg_stat_activity where datname = '" + branch + "'";
                    TestFoldout.eventually(() -> TestPostgres.query("postgres", onBranch).equals("1"));
                    assertThat(TestPostgres.query("postgres", onBranch)).as("only the kept session is on the branch")
                            .isEqualTo("1");
                    assertThat(Contents.of(branch)).as("round %d (random seed %d)", round, seedValue)
                            .isEqualTo(Contents.of(seed));
                    assertThat(sequences(branch)).as("round %d", round).isEqualTo(sequences(seed));
                }
            }
        } finally {
            TestFoldout.dropQuietly(branch, seed);
        }
    }

    @Test
    void aBranchNothingWroteIsDoneWithoutAWrite() {
        String seed = seeded();
        String branch = TestPostgres.uniqueName("rwb");
        try (Session s = session(seed)) {
            CopyOperation.run(s, RefKind.BRANCH, seed, branch, CopyOptions.DEFAULTS.withBase(false));
            String before = TestPostgres.query(branch, "select pg_current_wal_insert_lsn()::text");
            assertThat(Rewind.run(s, target(s, branch), 10, null)).isEqualTo(Rewind.Outcome.DONE);
            TestPostgres.exec(branch, "select 1 from parent_t where id = 5 for update"); // a lock writes the block, no row
            assertThat(Rewind.run(s, target(s, branch), 0, null)).isEqualTo(Rewind.Outcome.DONE);
            TestPostgres.exec(branch, "delete from nokey where v = 'v1'", "vacuum nokey"); // counts in pg_class, in place
            assertThat(Rewind.run(s, target(s, branch), 1000, null)).as("after a VACUUM").isEqualTo(Rewind.Outcome.DONE);
            assertThat(Contents.of(branch)).isEqualTo(Contents.of(seed));
            assertThat(before).isNotNull();
        } finally {
            TestFoldout.dropQuietly(branch, seed);
        }
    }

    @Test
    void whatMustNotBeUndoneInPlaceChangesNothing() {
        String seed = seeded();
        String[] branches = {TestPostgres.uniqueName("rwb"), TestPostgres.uniqueName("rwb"), TestPostgres.uniqueName("rwb")};
        try (Session s = session(seed)) {
            for (String b : branches) {
                CopyOperation.run(s, RefKind.BRANCH, seed, b, CopyOptions.DEFAULTS.withBase(false));
            }
            TestPostgres.exec(branches[0], "update parent_t set v = 'x' where id = 1", "alter table nokey add column w int");
            assertThat(Rewind.run(s, target(s, branches[0]), 1000, null)).as("a schema change").isEqualTo(Rewind.Outcome.NOT_DONE);
            assertThat(TestPostgres.query(branches[0], "select v from parent_t where id = 1")).isEqualTo("x");
            assertThat(Rewind.run(s, target(s, branches[0]), 1000, null)).as("forgotten after that")
                    .isEqualTo(Rewind.Outcome.UNAVAILABLE);

            TestPostgres.exec(branches[1], "truncate nokey");
            assertThat(Rewind.run(s, target(s, branches[1]), 1000, null)).as("a TRUNCATE").isEqualTo(Rewind.Outcome.NOT_DONE);
            assertThat(TestPostgres.query(branches[1], "select count(*) from nokey")).isEqualTo("0");

            String analyzed = TestPostgres.uniqueName("rwb");
            CopyOperation.run(s, RefKind.BRANCH, seed, analyzed, CopyOptions.DEFAULTS.withBase(false));
            TestPostgres.exec(analyzed, "update nokey set v = 'z' where v = 'v4'", "analyze nokey");
            assertThat(Rewind.run(s, target(s, analyzed), 1000, null)).as("statistics").isEqualTo(Rewind.Outcome.NOT_DONE);
            TestFoldout.dropQuietly(analyzed);

            TestPostgres.exec(branches[2], "update parent_t set v = 'y' where id <= 500");
            assertThat(Rewind.run(s, target(s, branches[2]), 100, null)).as("too many rows").isEqualTo(Rewind.Outcome.NOT_DONE);
            assertThat(TestPostgres.query(branches[2], "select count(*) from parent_t where v = 'y'")).isEqualTo("500");
        } finally {
            TestFoldout.dropQuietly(branches[0], branches[1], branches[2], seed);
        }
    }

    @Test
    void aBranchAnotherSessionMadeIsNotRewound() {
        String seed = seeded();
        String branch = TestPostgres.uniqueName("rwb");
        try (Session maker = session(seed); Session other = session(seed)) {
            CopyOperation.run(maker, RefKind.BRANCH, seed, branch, CopyOptions.DEFAULTS.withBase(false));
            assertThat(Rewind.run(other, target(other, branch), 10, null)).isEqualTo(Rewind.Outcome.UNAVAILABLE);
        } finally {
            TestFoldout.dropQuietly(branch, seed);
        }
    }

    /** Inserts, updates (in place and moving), deletes - also of rows earlier rewinds copied back - and sequences. */
    private static void writeRandomly(Connection c, Random r, int round) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("insert into parent_t(id, v, big) values (9001, 'same key every round', repeat('z', 5000))");
            st.execute("insert into child_t(parent_id, note) values (9001, 'round " + round + "')");
            for (int i = 0; i < 1 + r.nextInt(4); i++) {
                int lo = 1 + r.nextInt(2900);
                st.execute("update parent_t set v = v || '!', f = f + 1 where id between " + lo + " and " + (lo + r.nextInt(30)));
            }
            st.execute("update parent_t set big = repeat('q', 3000) where id = " + (50 * (1 + r.nextInt(59))));
            st.execute("delete from parent_t where id = " + (1 + r.nextInt(3000))); // cascades to its children
            st.execute("delete from child_t where id in (select id from child_t order by id limit " + r.nextInt(5) + ")");
            st.execute("update nokey set v = 'changed' where ctid in (select ctid from nokey where v = 'v" + r.nextInt(5)
                    + "' limit 3)");
            st.execute("insert into nokey values ('v1'), ('v1')");
            st.execute("delete from nokey where ctid = (select ctid from nokey where v = 'v2' limit 1)");
            st.execute("update parts set region = 'eu' where id = " + (1 + 2 * r.nextInt(250))); // moves a row across partitions
            st.execute("insert into parts values (" + (1000 + round) + ", 'us', 0)");
            st.execute("select nextval('audit_id_seq')");
            c.setAutoCommit(false);
            st.execute("update parent_t set v = 'rolled back' where id <= 100");
            c.rollback();
            st.execute("update nokey set v = 'sub' where v = 'v3'");
            st.execute("savepoint s");
            st.execute("delete from parent_t where id <= 100");
            st.execute("rollback to savepoint s");
            c.commit();
            c.setAutoCommit(true);
        }
    }

    private static Rewind.Target target(Session s, String branch) {
        RefStore.DiffPoint p = s.read("test", c -> RefStore.diffPoint(c, branch)).orElseThrow();
        return new Rewind.Target(branch, p.branchOid(), p.ref().parent(), p.parentOid(), p.ref().lsn());
    }

    private static String sequences(String database) {
        return TestPostgres.query(database, "select string_agg(sequencename || '=' || coalesce(last_value::text, 'none'), ',' "
                + "order by sequencename) from pg_sequences");
    }

    private static Session session(String database) {
        return new Session(FoldoutConfig.builder().url(TestPostgres.url(database)).backend("template")
                .terminateTimeout(Duration.ofSeconds(5)).build());
    }

    private static String seeded() {
        String seed = TestPostgres.uniqueName("rwseed");
        TestPostgres.exec("postgres", "create database " + seed);
        TestPostgres.exec(seed, SEED);
        return seed;
    }
}
